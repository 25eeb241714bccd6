/** The organization's ledger settings, as use cases read them once the ledger is set up. */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { LedgerSettings } from "../../generated/prisma/client";
import { ledgerUnavailable } from "./ledger.errors";
import { ledgerSettingsRepository } from "./ledger-settings.repository";

/**
 * Routes make sure the ledger exists first (`LedgerSetup.ensure`), so a missing row here means the
 * organization was never set up.
 * @throws AppError 503 LEDGER_UNAVAILABLE when the organization has no ledger settings
 */
export async function ledgerSettingsOf(tx: Tx, organizationId: OrganizationId): Promise<LedgerSettings> {
  const settings = await ledgerSettingsRepository(tx).find(organizationId);
  if (!settings) throw ledgerUnavailable("its base currency is not known yet");
  return settings;
}
