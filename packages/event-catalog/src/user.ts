/** Events of the users service (topic erp.user): invitations, memberships, roles, profiles, departments. */
import { z } from "zod";
import { defineEvent } from "@erp/events";

const uuid = z.string().uuid();

/**
 * An invitation was made. The accept token is deliberately not in the event (events are kept and
 * fanned out); the notification service mails a link built by whoever holds the token.
 */
export const invitationCreated = defineEvent(
  "user.invitation.created",
  1,
  z.object({ invitationId: uuid, email: z.string(), roles: z.array(z.string()), invitedBy: uuid, expiresAt: z.string() }),
);

export const invitationAccepted = defineEvent(
  "user.invitation.accepted",
  1,
  z.object({ invitationId: uuid, email: z.string(), userId: uuid }),
);

export const invitationRevoked = defineEvent("user.invitation.revoked", 1, z.object({ invitationId: uuid, email: z.string() }));

const membership = z.object({ userId: uuid, roles: z.array(z.string()) });

export const membershipActivated = defineEvent("user.membership.activated", 1, membership);

/** Auth consumes it to end the member's sessions in the organization (also when the users service's direct call failed). */
export const membershipDeactivated = defineEvent("user.membership.deactivated", 1, membership);

export const membershipRolesChanged = defineEvent(
  "user.membership.roles_changed",
  1,
  membership.extend({ previousRoles: z.array(z.string()) }),
);

const role = z.object({ roleId: uuid, name: z.string(), parentId: uuid.nullable(), permissions: z.array(z.string()) });

export const roleCreated = defineEvent("user.role.created", 1, role);

export const roleUpdated = defineEvent("user.role.updated", 1, role.extend({ changedFields: z.array(z.string()).min(1) }));

export const roleDeleted = defineEvent("user.role.deleted", 1, z.object({ roleId: uuid, name: z.string() }));

export const profileUpdated = defineEvent(
  "user.profile.updated",
  1,
  z.object({ userId: uuid, changedFields: z.array(z.string()).min(1) }),
);

const department = z.object({ departmentId: uuid, name: z.string(), parentId: uuid.nullable() });

export const departmentCreated = defineEvent("user.department.created", 1, department);

export const departmentUpdated = defineEvent("user.department.updated", 1, department.extend({ changedFields: z.array(z.string()).min(1) }));

export const departmentDeleted = defineEvent("user.department.deleted", 1, z.object({ departmentId: uuid, name: z.string() }));
