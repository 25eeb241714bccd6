/**
 * The tenant's events finance keeps its ledger settings from: a new organization gets its ledger
 * and default chart in its base currency; later changes of the base currency (while the ledger is
 * empty) and of the fiscal year's first month are copied.
 */
import { organizationCreated, organizationUpdated, settingsUpdated } from "@erp/event-catalog";
import { eventHandler } from "@erp/events";
import type { Tx } from "../db";
import { asService } from "../events";
import { copyLedgerProfile, setUpLedger } from "../modules/ledger/set-up-ledger";

export const tenantOrganizationCreated = eventHandler(organizationCreated, async (event, tx: Tx) => {
  await setUpLedger(tx, asService(event.organizationId), { baseCurrency: event.data.baseCurrency, fiscalYearStartMonth: 1 });
});

export const tenantOrganizationUpdated = eventHandler(organizationUpdated, async (event, tx: Tx) => {
  await copyLedgerProfile(tx, asService(event.organizationId), { baseCurrency: event.data.baseCurrency });
});

export const tenantSettingsUpdated = eventHandler(settingsUpdated, async (event, tx: Tx) => {
  const { fiscalYearStartMonth } = event.data.settings;
  // Other settings carry nothing the ledger keeps.
  if (typeof fiscalYearStartMonth !== "number" || !Number.isInteger(fiscalYearStartMonth) || fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12) return;
  await copyLedgerProfile(tx, asService(event.organizationId), { fiscalYearStartMonth });
});
