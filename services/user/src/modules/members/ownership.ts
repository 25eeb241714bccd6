/**
 * Owners are protected twice: only a holder of users.ownership.transfer may grant or take away
 * the owner role (or deactivate an owner), and the last active owner can be neither demoted nor
 * deactivated, so an organization never ends up without one. Callers that check the last owner
 * hold `membershipRepository.lockOwners` first, so two admins cannot each remove "another" owner.
 */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import { lastOwner, ownershipTransferForbidden } from "./member.errors";
import { membershipRepository, type MemberRow } from "./membership.repository";

/**
 * `mayTransferOwnership`: whether the actor holds users.ownership.transfer (the route reads it off the token).
 * @throws AppError 403 FORBIDDEN when not
 */
export function checkOwnershipTransfer(mayTransferOwnership: boolean): void {
  if (!mayTransferOwnership) throw ownershipTransferForbidden();
}

/** @throws AppError 422 LAST_OWNER when `member` is the organization's only active owner */
export async function checkAnotherOwnerRemains(tx: Tx, organizationId: OrganizationId, member: MemberRow): Promise<void> {
  const owners = await membershipRepository(tx).countActiveOwners(organizationId);
  if (member.status === "active" && owners <= 1) throw lastOwner();
}
