/** Where the auth service's events go and who they are from; their definitions are in @erp/event-catalog. */
import type { Actor } from "@erp/events";

export { sessionRevoked, userRegistered } from "@erp/event-catalog";

export const OUTBOX_SCHEMA = "auth";

/** System decisions (reuse detection) are taken by the auth service itself. */
export const serviceActor: Actor = { type: "service", id: "auth" };
