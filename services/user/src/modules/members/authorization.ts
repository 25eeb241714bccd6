/**
 * What auth puts into a member's access token: the membership's status, role names and effective
 * permissions (roles + everything inherited). Read at every login and refresh, so a change of
 * roles or of a role's permissions takes effect at the member's next refresh.
 */
import { notFound } from "@erp/http-kit";
import type { Tx, UserDb } from "../../db";
import type { MembershipStatus } from "../../generated/prisma/client";
import { effectivePermissions } from "../roles/effective-permissions";
import { roleRepository } from "../roles/role.repository";
import { membershipRepository, roleNamesOf } from "./membership.repository";

export interface Authorization {
  status: MembershipStatus;
  roles: string[];
  permissions: string[];
}

export async function authorizationOf(tx: Tx, organizationId: string, userId: string): Promise<Authorization | null> {
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

export async function getAuthorization(db: UserDb, organizationId: string, userId: string): Promise<Authorization> {
  const authorization = await db.withOrganization(organizationId, (tx) => authorizationOf(tx, organizationId, userId));
  if (!authorization) throw notFound("Membership");
  return authorization;
}

/** The user's memberships in every organization, oldest first (login picks one). */
export async function listMembershipsOfUser(db: UserDb, userId: string) {
  const memberships = await db.transaction((tx) => membershipRepository(tx).listForUser(userId));
  return memberships.map((m) => ({ organizationId: m.organizationId, status: m.status, createdAt: m.createdAt.toISOString() }));
}
