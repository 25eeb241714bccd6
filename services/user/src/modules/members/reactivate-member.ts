/** Gives a deactivated member their access back; they log in again. */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { findMember } from "./find-member";
import { memberNotDeactivated } from "./member.errors";
import { isOwner } from "./membership.repository";
import type { MemberDto } from "./member.schemas";
import { checkOwnershipTransfer } from "./ownership";
import { setMemberStatus } from "./set-member-status";

/**
 * `mayTransferOwnership`: whether the actor holds users.ownership.transfer, needed to reactivate an owner.
 * @throws AppError 404 NOT_FOUND, 409 INVALID_STATE unless deactivated, 403 FORBIDDEN (an owner)
 */
export async function reactivateMember(tx: Tx, scope: Scope, input: { userId: string; mayTransferOwnership: boolean }): Promise<MemberDto> {
  const current = await findMember(tx, scope.organizationId, input.userId);
  if (current.status !== "deactivated") throw memberNotDeactivated(current.status);
  if (isOwner(current)) checkOwnershipTransfer(input.mayTransferOwnership);
  return setMemberStatus(tx, scope, { member: current, status: "active" });
}
