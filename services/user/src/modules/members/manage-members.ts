/**
 * Members of an organization: reading them, editing profiles, changing roles, deactivating.
 * Owners are protected twice: only a holder of users.ownership.transfer may grant or take away
 * the owner role (or deactivate an owner), and the last active owner can be neither demoted nor
 * deactivated, so an organization never ends up without one.
 */
import { appendToOutbox, type Actor } from "@erp/events";
import { conflict, decodeCursor, encodeCursor, forbidden, hasPermission, notFound, type Principal } from "@erp/http-kit";
import type { Logger } from "@erp/logging";
import { userPermissions } from "@erp/permissions";
import { z } from "zod";
import type { AuthClient } from "../../clients/auth-client";
import { lockOrganizationMembers, type Tx, type UserDb } from "../../db";
import { actorOf, membershipActivated, membershipDeactivated, membershipRolesChanged, OUTBOX_SCHEMA, profileUpdated } from "../../events";
import { unknownDepartment } from "../departments/department.errors";
import { unknownRoles } from "../roles/role.errors";
import { roleRepository } from "../roles/role.repository";
import { lastOwner } from "./member.errors";
import { isOwner, membershipRepository, roleNamesOf, type MemberFilters, type MemberRow, type ProfileFields } from "./membership.repository";
import { toMemberDto } from "./member.schemas";

const cursorSchema = z.object({ userId: z.uuid() });

export async function listMembers(
  db: UserDb,
  organizationId: string,
  query: Omit<MemberFilters, "afterUserId"> & { limit: number; cursor?: string },
) {
  const { limit, cursor, ...filters } = query;
  const afterUserId = cursor ? decodeCursor(cursor, cursorSchema).userId : undefined;
  const rows = await db.withOrganization(organizationId, (tx) =>
    membershipRepository(tx).list(organizationId, { ...filters, afterUserId }, limit + 1),
  );
  const items = rows.slice(0, limit).map(toMemberDto);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ userId: last.userId }) : null };
}

export async function getMember(db: UserDb, organizationId: string, userId: string) {
  return toMemberDto(await db.withOrganization(organizationId, (tx) => findMember(tx, organizationId, userId)));
}

/** A profile edit, by the member themselves or by an admin (who may also set the department). */
export async function updateMember(db: UserDb, organizationId: string, actor: Actor, userId: string, fields: ProfileFields) {
  return db.withOrganization(organizationId, async (tx) => {
    const current = await findMember(tx, organizationId, userId);
    if (fields.departmentId && !(await tx.department.findFirst({ where: { organizationId, id: fields.departmentId } }))) {
      throw unknownDepartment();
    }
    const changedFields = (Object.keys(fields) as (keyof ProfileFields)[]).filter((key) => fields[key] !== current[key]);
    if (changedFields.length === 0) return toMemberDto(current);
    const member = await membershipRepository(tx).update(organizationId, userId, fields);
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: profileUpdated,
      organizationId,
      aggregateType: "membership",
      aggregateId: userId,
      actor,
      data: { userId, changedFields },
    });
    return toMemberDto(member);
  });
}

export async function setMemberRoles(db: UserDb, principal: Principal, userId: string, roleNames: string[]) {
  const { organizationId } = principal;
  return db.withOrganization(organizationId, async (tx) => {
    await lockOrganizationMembers(tx, organizationId);
    const current = await findMember(tx, organizationId, userId);
    const roles = await resolveRoles(tx, organizationId, roleNames);
    const previousRoles = roleNamesOf(current);
    const willBeOwner = roles.some((role) => role.builtIn && role.name === "owner");
    if (isOwner(current) !== willBeOwner) {
      assertMayTransferOwnership(principal);
      if (!willBeOwner) await assertAnotherOwnerRemains(tx, organizationId, current);
    }
    await membershipRepository(tx).setRoles(organizationId, userId, roles.map((role) => role.id));
    const member = await findMember(tx, organizationId, userId);
    if (JSON.stringify(previousRoles) !== JSON.stringify(roleNamesOf(member))) {
      await appendToOutbox(tx, OUTBOX_SCHEMA, {
        event: membershipRolesChanged,
        organizationId,
        aggregateType: "membership",
        aggregateId: userId,
        actor: actorOf(principal),
        data: { userId, roles: roleNamesOf(member), previousRoles },
      });
    }
    return toMemberDto(member);
  });
}

/**
 * Ends the member's access: the status stops every refresh at once (auth asks at each one), and
 * their refresh tokens are revoked. Access tokens already issued live out their short lifetime.
 */
export async function deactivateMember(
  deps: { db: UserDb; auth: AuthClient; logger: Logger },
  principal: Principal,
  userId: string,
) {
  const { organizationId } = principal;
  const member = await deps.db.withOrganization(organizationId, async (tx) => {
    await lockOrganizationMembers(tx, organizationId);
    const current = await findMember(tx, organizationId, userId);
    if (current.status === "deactivated") throw conflict("The member is already deactivated", "INVALID_STATE");
    if (isOwner(current)) {
      assertMayTransferOwnership(principal);
      await assertAnotherOwnerRemains(tx, organizationId, current);
    }
    return changeStatus(tx, actorOf(principal), current, "deactivated");
  });
  // After commit: the status alone already refuses the next refresh, so a failure here is logged
  // rather than undoing the deactivation.
  await deps.auth.revokeSessions(userId, organizationId).catch((err: unknown) =>
    deps.logger.warn("revoking a deactivated member's sessions failed; their next refresh is refused anyway", {
      userId,
      error: err instanceof Error ? err.message : String(err),
    }),
  );
  return member;
}

export async function reactivateMember(db: UserDb, principal: Principal, userId: string) {
  const { organizationId } = principal;
  return db.withOrganization(organizationId, async (tx) => {
    const current = await findMember(tx, organizationId, userId);
    if (current.status !== "deactivated") throw conflict(`An ${current.status} member cannot be reactivated`, "INVALID_STATE");
    if (isOwner(current)) assertMayTransferOwnership(principal);
    return changeStatus(tx, actorOf(principal), current, "active");
  });
}

/** Sets the status and records the matching event; used by invitations too. */
export async function changeStatus(tx: Tx, actor: Actor, current: MemberRow, status: "active" | "deactivated") {
  const member = await membershipRepository(tx).update(current.organizationId, current.userId, { status });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: status === "active" ? membershipActivated : membershipDeactivated,
    organizationId: current.organizationId,
    aggregateType: "membership",
    aggregateId: current.userId,
    actor,
    data: { userId: current.userId, roles: roleNamesOf(member) },
  });
  return toMemberDto(member);
}

/** The organization's roles with these names; an unknown name is a 422 naming it. */
export async function resolveRoles(tx: Tx, organizationId: string, names: string[]) {
  const roles = await roleRepository(tx).findByNames(organizationId, names);
  const unknown = names.filter((name) => !roles.some((role) => role.name === name));
  if (unknown.length > 0) throw unknownRoles(unknown);
  return roles;
}

export function assertMayTransferOwnership(principal: Principal): void {
  if (!hasPermission(principal.permissions, userPermissions.ownershipTransfer)) {
    throw forbidden(`Granting or taking away the owner role needs ${userPermissions.ownershipTransfer}`);
  }
}

async function assertAnotherOwnerRemains(tx: Tx, organizationId: string, member: MemberRow): Promise<void> {
  const owners = await membershipRepository(tx).countActiveOwners(organizationId);
  if (member.status === "active" && owners <= 1) {
    throw lastOwner();
  }
}

async function findMember(tx: Tx, organizationId: string, userId: string): Promise<MemberRow> {
  const member = await membershipRepository(tx).find(organizationId, userId);
  if (!member) throw notFound("Member");
  return member;
}
