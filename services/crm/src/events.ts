/** Where the CRM service's events go and who acts in its consumers; definitions are in @erp/event-catalog. */
import { serviceScope, type Scope } from "@erp/scope";
import { serviceNames } from "./service-names";

export const OUTBOX_SCHEMA = serviceNames.schema;

/**
 * The scope of internal calls, event consumers and the task-due sweeper: the service itself,
 * acting for `organizationId`.
 * @throws Error when `organizationId` is not a uuid
 */
export const asService = (organizationId: string): Scope => serviceScope(organizationId, serviceNames.name);
