/** Where the auth service's events go and who they are from; their definitions are in @erp/event-catalog. */
import type { Actor } from "@erp/events";
import { serviceNames } from "./service-names";

export { sessionRevoked, userRegistered } from "@erp/event-catalog";

export const OUTBOX_SCHEMA = serviceNames.schema;

/** System decisions (reuse detection) are taken by the auth service itself. */
export const serviceActor: Actor = { type: "service", id: serviceNames.name };
