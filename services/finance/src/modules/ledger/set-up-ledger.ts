/**
 * Sets an organization's ledger up once: its settings (base currency, fiscal year start), the head
 * of its hash chain, and the default chart of accounts. Idempotent: the tenant's
 * `organization.created` consumer and the lazy set-up on first use may both run it, in any order.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { createAccount } from "../accounts/create-account";
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
  const create = async (accounts: ChartAccount[], parentId: string | null) => {
    for (const account of accounts) {
      const created = await createAccount(tx, scope, {
        code: account.code,
        name: account.name,
        type: account.type,
        subtype: account.subtype ?? null,
        isGroup: account.children !== undefined,
        parentId,
        currency: account.baseCurrencyOnly ? settings.baseCurrency : null,
      });
      if (account.children) await create(account.children, created.id);
    }
  };
  await create(DEFAULT_CHART, null);
  await repository.update(organizationId, { chartCreatedAt: new Date() });
  return { chartCreated: true };
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
