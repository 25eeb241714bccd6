/** Replaces a member's roles; they take effect at the member's next token refresh. */
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { membershipRolesChanged, OUTBOX_SCHEMA } from "../../events";
import { resolveRoles } from "../roles/resolve-roles";
import { findMember } from "./find-member";
import { isOwner, membershipRepository, roleNamesOf } from "./membership.repository";
import { toMemberDto, type MemberDto } from "./member.schemas";
import { checkAnotherOwnerRemains, checkOwnershipTransfer } from "./ownership";

export interface SetMemberRolesInput {
  userId: string;
  /** Role names, distinct. */
  roles: string[];
  /** Whether the actor holds users.ownership.transfer, needed to grant or take away `owner`. */
  mayTransferOwnership: boolean;
}

/** @throws AppError 404 NOT_FOUND, 403 FORBIDDEN (ownership), 422 UNKNOWN_ROLE, 422 LAST_OWNER */
export async function setMemberRoles(tx: Tx, scope: Scope, input: SetMemberRolesInput): Promise<MemberDto> {
  const { organizationId } = scope;
  const { userId } = input;
  const members = membershipRepository(tx);
  await members.lockOwners(organizationId);
  const current = await findMember(tx, organizationId, userId);
  const roles = await resolveRoles(tx, organizationId, input.roles);
  const previousRoles = roleNamesOf(current);
  const willBeOwner = roles.some((role) => role.builtIn && role.name === "owner");
  if (isOwner(current) !== willBeOwner) {
    checkOwnershipTransfer(input.mayTransferOwnership);
    if (!willBeOwner) await checkAnotherOwnerRemains(tx, organizationId, current);
  }
  await members.setRoles(organizationId, userId, roles.map((role) => role.id));
  const member = await findMember(tx, organizationId, userId);
  if (JSON.stringify(previousRoles) !== JSON.stringify(roleNamesOf(member))) {
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: membershipRolesChanged,
      organizationId,
      aggregateType: "membership",
      aggregateId: userId,
      actor: scope.actor,
      data: { userId, roles: roleNamesOf(member), previousRoles },
    });
  }
  return toMemberDto(member);
}
