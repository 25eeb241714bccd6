/** One member of the organization (also the caller's own profile). */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { findMember } from "./find-member";
import { toMemberDto, type MemberDto } from "./member.schemas";

/** @throws AppError 404 NOT_FOUND, also for another organization's member */
export async function getMember(tx: Tx, scope: Scope, input: { userId: string }): Promise<MemberDto> {
  return toMemberDto(await findMember(tx, scope.organizationId, input.userId));
}
