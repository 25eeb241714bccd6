/**
 * A new organization gets its CRM settings and default sales pipeline at once (idempotent), and
 * its base currency is kept for the reports; a change of the organization keeps the new one.
 */
import { organizationCreated, organizationUpdated } from "@erp/event-catalog";
import { eventHandler } from "@erp/events";
import type { Tx } from "../db";
import { asService } from "../events";
import { applyBaseCurrency } from "../modules/exchange-rates/exchange-rate-read-model";
import { setUpOrganization } from "../modules/setup/set-up-organization";

export const tenantOrganizationCreated = eventHandler(organizationCreated, async (event, tx: Tx) => {
  const scope = asService(event.organizationId);
  await setUpOrganization(tx, scope);
  await applyBaseCurrency(tx, scope, { baseCurrency: event.data.baseCurrency, asOf: new Date(event.occurredAt) });
});

export const tenantOrganizationUpdated = eventHandler(organizationUpdated, async (event, tx: Tx) => {
  await applyBaseCurrency(tx, asService(event.organizationId), { baseCurrency: event.data.baseCurrency, asOf: new Date(event.occurredAt) });
});
