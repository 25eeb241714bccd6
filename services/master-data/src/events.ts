/** Where the master-data service's events go and who they are from; definitions are in @erp/event-catalog. */
import type { Actor } from "@erp/events";
import type { Principal } from "@erp/http-kit";

export const OUTBOX_SCHEMA = "master_data";

/** Internal calls and event consumers act as the service itself. */
export const serviceActor: Actor = { type: "service", id: "master-data" };

export function actorOf(principal: Principal): Actor {
  return { type: principal.kind, id: principal.userId };
}
