/**
 * Keeps this service's copy of the organization's base currency current, from the tenant's
 * organization events (both carry the organization's snapshot): what new customers, suppliers and
 * products default to.
 */
import { organizationCreated, organizationUpdated } from "@erp/event-catalog";
import { eventHandler } from "@erp/events";
import type { Tx } from "../db";
import { asService } from "../events";
import { copyTenantSettings } from "../modules/settings/copy-tenant-settings";

export const tenantOrganizationCreated = eventHandler(organizationCreated, async (event, tx: Tx) => {
  await copyTenantSettings(tx, asService(event.organizationId), { baseCurrency: event.data.baseCurrency });
});

export const tenantOrganizationUpdated = eventHandler(organizationUpdated, async (event, tx: Tx) => {
  // The snapshot is the whole organization: writing its currency also repairs a copy that missed an event.
  await copyTenantSettings(tx, asService(event.organizationId), { baseCurrency: event.data.baseCurrency });
});
