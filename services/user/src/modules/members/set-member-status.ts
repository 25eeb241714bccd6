/** Sets a membership's status and records the matching event; deactivation, reactivation and accepted invitations use it. */
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { membershipActivated, membershipDeactivated, OUTBOX_SCHEMA } from "../../events";
import { membershipRepository, roleNamesOf, type MemberRow } from "./membership.repository";
import { toMemberDto, type MemberDto } from "./member.schemas";

/** `member` is the current row, of the scope's organization; the caller has checked the transition. */
export async function setMemberStatus(
  tx: Tx,
  scope: Scope,
  input: { member: MemberRow; status: "active" | "deactivated" },
): Promise<MemberDto> {
  const { organizationId } = scope;
  const { userId } = input.member;
  const member = await membershipRepository(tx).update(organizationId, userId, { status: input.status });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: input.status === "active" ? membershipActivated : membershipDeactivated,
    organizationId,
    aggregateType: "membership",
    aggregateId: userId,
    actor: scope.actor,
    data: { userId, roles: roleNamesOf(member) },
  });
  return toMemberDto(member);
}
