/**
 * Makes sure an organization's ledger exists before a route uses it. Usually the tenant's
 * `organization.created` event set it up already; an organization older than finance gets it on
 * first use, from the tenant service's answer. Organizations known to be set up are remembered,
 * so this costs nothing after the first request.
 */
import { inTransaction } from "@erp/db";
import type { Scope } from "@erp/scope";
import type { FinanceDb } from "../../db";
import { asService } from "../../events";
import { ledgerUnavailable } from "./ledger.errors";
import { ledgerSettingsRepository } from "./ledger-settings.repository";
import type { OrganizationDirectory } from "./organization-directory";
import { setUpLedger } from "./set-up-ledger";

export interface LedgerSetup {
  /**
   * Resolves once the scope's organization has its settings and default chart.
   * @throws AppError 503 LEDGER_UNAVAILABLE when neither finance nor the tenant service knows the
   *   organization; the tenant client's 503/504 when it cannot be asked
   */
  ensure(scope: Scope): Promise<void>;
}

export function createLedgerSetup(db: FinanceDb, directory: OrganizationDirectory): LedgerSetup {
  const ready = new Set<string>();
  return {
    async ensure(scope) {
      const { organizationId } = scope;
      if (ready.has(organizationId)) return;
      const settings = await inTransaction(db, scope, (tx) => ledgerSettingsRepository(tx).find(organizationId));
      if (!settings?.chartCreatedAt) {
        const profile = settings ?? (await directory.ledgerProfile(organizationId));
        if (!profile) throw ledgerUnavailable("the tenant service does not know the organization");
        const service = asService(organizationId);
        await inTransaction(db, service, (tx) =>
          setUpLedger(tx, service, { baseCurrency: profile.baseCurrency, fiscalYearStartMonth: profile.fiscalYearStartMonth }),
        );
      }
      ready.add(organizationId);
    },
  };
}
