/** Where the users service's events go and who they are from; their definitions are in @erp/event-catalog. */
import { serviceScope, type Scope } from "@erp/scope";
import { serviceNames } from "./service-names";

export {
  departmentCreated,
  departmentDeleted,
  departmentUpdated,
  invitationAccepted,
  invitationCreated,
  invitationRevoked,
  membershipActivated,
  membershipDeactivated,
  membershipRolesChanged,
  profileUpdated,
  roleCreated,
  roleDeleted,
  roleUpdated,
} from "@erp/event-catalog";

export const OUTBOX_SCHEMA = serviceNames.schema;

/**
 * The scope of an internal call (registration by auth): the users service acting for the organization.
 * @throws Error when `organizationId` is not a uuid (the routes' schemas validate it first)
 */
export function internalScope(organizationId: string): Scope {
  return serviceScope(organizationId, serviceNames.name);
}
