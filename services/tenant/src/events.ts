/** Where the tenant service's events go and who they are from; their definitions are in @erp/event-catalog. */
import type { Actor } from "@erp/events";
import type { Principal } from "@erp/http-kit";

export {
  moduleDisabled,
  moduleEnabled,
  organizationCreated,
  organizationReactivated,
  organizationSuspended,
  organizationUpdated,
  settingsUpdated,
  subscriptionChanged,
} from "@erp/event-catalog";

export const OUTBOX_SCHEMA = "tenant";

/** Internal calls (registration, operators, the sweeper) act as the tenant service itself. */
export const serviceActor: Actor = { type: "service", id: "tenant" };

export function actorOf(principal: Principal): Actor {
  return { type: principal.kind, id: principal.userId };
}
