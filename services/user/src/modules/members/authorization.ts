/**
 * What auth puts into a member's access token: the membership's status, role names and effective
 * permissions (roles + everything inherited). Read at every login and refresh, so a change of
 * roles or of a role's permissions takes effect at the member's next refresh.
 */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { MembershipStatus } from "../../generated/prisma/client";
import { effectivePermissions } from "../roles/effective-permissions";
import { roleRepository } from "../roles/role.repository";
import { membershipRepository, roleNamesOf } from "./membership.repository";

export interface Authorization {
  status: MembershipStatus;
  roles: string[];
  permissions: string[];
}

/** The user's authorization in the organization, or null when they are not a member. */
export async function authorizationOf(tx: Tx, organizationId: OrganizationId, userId: string): Promise<Authorization | null> {
  const member = await membershipRepository(tx).find(organizationId, userId);
  if (!member) return null;
  const roles = await roleRepository(tx).listAll(organizationId);
  return {
    status: member.status,
    roles: roleNamesOf(member),
    // Only an active membership grants anything; auth refuses the others anyway.
    permissions: member.status === "active" ? effectivePermissions(roles, member.roles.map((held) => held.roleId)) : [],
  };
}
