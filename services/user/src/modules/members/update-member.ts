/** A profile edit, by the member themselves or by an admin (who may also set the department). */
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA, profileUpdated } from "../../events";
import { checkDepartment } from "../departments/check-department";
import { findMember } from "./find-member";
import { membershipRepository, type ProfileFields } from "./membership.repository";
import { toMemberDto, type MemberDto } from "./member.schemas";

/** Nothing changed writes nothing. @throws AppError 404 NOT_FOUND, 422 UNKNOWN_DEPARTMENT */
export async function updateMember(tx: Tx, scope: Scope, input: { userId: string; changes: ProfileFields }): Promise<MemberDto> {
  const { organizationId } = scope;
  const { userId, changes } = input;
  const current = await findMember(tx, organizationId, userId);
  await checkDepartment(tx, organizationId, changes.departmentId);
  const changedFields = (Object.keys(changes) as (keyof ProfileFields)[]).filter((key) => changes[key] !== current[key]);
  if (changedFields.length === 0) return toMemberDto(current);
  const member = await membershipRepository(tx).update(organizationId, userId, changes);
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: profileUpdated,
    organizationId,
    aggregateType: "membership",
    aggregateId: userId,
    actor: scope.actor,
    data: { userId, changedFields },
  });
  return toMemberDto(member);
}
