/** A new organization gets its CRM settings and default sales pipeline at once (idempotent). */
import { organizationCreated } from "@erp/event-catalog";
import { eventHandler } from "@erp/events";
import type { Tx } from "../db";
import { asService } from "../events";
import { setUpOrganization } from "../modules/setup/set-up-organization";

export const tenantOrganizationCreated = eventHandler(organizationCreated, async (event, tx: Tx) => {
  await setUpOrganization(tx, asService(event.organizationId));
});
