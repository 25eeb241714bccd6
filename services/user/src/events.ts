/** Where the users service's events go and who they are from; their definitions are in @erp/event-catalog. */
import type { Actor } from "@erp/events";
import type { Principal } from "@erp/http-kit";

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

export const OUTBOX_SCHEMA = "users";

export function actorOf(principal: Principal): Actor {
  return { type: principal.kind, id: principal.userId };
}
