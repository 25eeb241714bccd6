/** Keeps this service's copy of the tenant's `allowNegativeStock` setting current. */
import { settingsUpdated } from "@erp/event-catalog";
import { eventHandler } from "@erp/events";
import type { Tx } from "../db";
import { asService } from "../events";
import { copyTenantSettings } from "../modules/settings/copy-tenant-settings";

export const tenantSettingsUpdated = eventHandler(settingsUpdated, async (event, tx: Tx) => {
  const { allowNegativeStock } = event.data.settings;
  // Other settings changes carry nothing this service keeps.
  if (typeof allowNegativeStock !== "boolean") return;
  await copyTenantSettings(tx, asService(event.organizationId), { allowNegativeStock });
});
