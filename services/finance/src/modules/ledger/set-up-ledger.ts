/**
 * Sets an organization's ledger up once: its settings (base currency, fiscal year start), the head
 * of its hash chain, and the default chart of accounts. Idempotent: the tenant's
 * `organization.created` consumer and the lazy set-up on first use may both run it, in any order.
 */
import { uuidv7 } from "@erp/db";
import { accountCreated } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { accountSnapshot, toAccountDto } from "../accounts/account.schemas";
import { DEFAULT_CHART, type ChartAccount } from "./default-chart";
import { ledgerSettingsRepository } from "./ledger-settings.repository";
import type { LedgerProfile } from "./organization-directory";

/** Whether this call created the chart (false: it existed). */
export async function setUpLedger(tx: Tx, scope: Scope, profile: LedgerProfile): Promise<{ chartCreated: boolean }> {
  const { organizationId } = scope;
  const repository = ledgerSettingsRepository(tx);
  await repository.createIfMissing(organizationId, profile);
  // Locked: a concurrent set-up waits here and then finds the chart made.
  const settings = await repository.findForUpdate(organizationId);
  if (!settings || settings.chartCreatedAt) return { chartCreated: false };
  // One insert for the whole chart (its rules are checked by default-chart.test.ts), then one
  // created event per account, as creating each through the API would publish.
  const rows = chartRows(DEFAULT_CHART, null, settings.baseCurrency);
  await tx.account.createMany({ data: rows.map((row) => ({ ...row, organizationId })) });
  const created = await tx.account.findMany({ where: { organizationId, id: { in: rows.map((row) => row.id) } }, orderBy: { code: "asc" } });
  for (const account of created) {
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: accountCreated,
      organizationId,
      aggregateType: "account",
      aggregateId: account.id,
      actor: scope.actor,
      data: accountSnapshot(toAccountDto(account)),
    });
  }
  await repository.update(organizationId, { chartCreatedAt: new Date() });
  return { chartCreated: true };
}

/** The chart's accounts as rows, every parent before its children. */
function chartRows(accounts: ChartAccount[], parentId: string | null, baseCurrency: string) {
  return accounts.flatMap((account): { id: string; parentId: string | null; code: string; name: string; type: ChartAccount["type"]; subtype: ChartAccount["subtype"] | null; isGroup: boolean; currency: string | null }[] => {
    const id = uuidv7();
    const row = {
      id,
      parentId,
      code: account.code,
      name: account.name,
      type: account.type,
      subtype: account.subtype ?? null,
      isGroup: account.children !== undefined,
      currency: account.baseCurrencyOnly ? baseCurrency : null,
    };
    return [row, ...chartRows(account.children ?? [], id, baseCurrency)];
  });
}

/**
 * Keeps the copied settings current. The base currency only changes while the ledger holds no
 * entry (amounts already booked are in the old one); the default bank and cash accounts follow it.
 * Without settings yet (the organization's events not seen), there is nothing to update: the set-up
 * will read the current values.
 */
export async function copyLedgerProfile(tx: Tx, scope: Scope, changes: Partial<LedgerProfile>): Promise<void> {
  const { organizationId } = scope;
  const repository = ledgerSettingsRepository(tx);
  const settings = await repository.findForUpdate(organizationId);
  if (!settings) return;
  const { baseCurrency, fiscalYearStartMonth } = changes;
  if (fiscalYearStartMonth !== undefined && fiscalYearStartMonth !== settings.fiscalYearStartMonth) {
    await repository.update(organizationId, { fiscalYearStartMonth });
  }
  if (baseCurrency !== undefined && baseCurrency !== settings.baseCurrency && !(await repository.hasEntries(organizationId))) {
    await repository.update(organizationId, { baseCurrency });
    await tx.account.updateMany({ where: { organizationId, currency: settings.baseCurrency }, data: { currency: baseCurrency } });
  }
}
