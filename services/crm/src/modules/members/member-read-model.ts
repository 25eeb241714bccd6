/**
 * The CRM's copy of the organization's members: written by the membership consumers and by the
 * directory's one answer for a member the CRM had no record of; read by `requireActiveMember`.
 */
import { inTransaction } from "@erp/db";
import type { Scope } from "@erp/scope";
import type { CrmDb, Tx } from "../../db";
import { asService } from "../../events";
import type { MemberDirectory } from "./member-directory";

export type MemberStatus = "active" | "deactivated";

/**
 * Keeps `status` for the member unless what is kept is newer than `asOf` (an event that happened
 * before the kept state, delivered late or again, changes nothing).
 */
export async function applyMembership(tx: Tx, scope: Scope, input: { userId: string; status: MemberStatus; asOf: Date }): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO members (organization_id, user_id, status, as_of, updated_at)
    VALUES (${scope.organizationId}::uuid, ${input.userId}::uuid, ${input.status}::member_status, ${input.asOf}, now())
    ON CONFLICT (organization_id, user_id) DO UPDATE SET status = EXCLUDED.status, as_of = EXCLUDED.as_of, updated_at = now()
    WHERE members.as_of < EXCLUDED.as_of`;
}

/** The member's kept status; null when the CRM has no record of the user in the organization. */
export async function memberStatus(tx: Tx, scope: Scope, userId: string): Promise<MemberStatus | null> {
  const member = await tx.member.findUnique({
    where: { organizationId_userId: { organizationId: scope.organizationId, userId } },
    select: { status: true },
  });
  return member?.status ?? null;
}

/**
 * Asks the directory about each of `userIds` the CRM has no record of, and keeps the answer of an
 * active or deactivated member (as of now: later events still apply). Run before a transaction
 * that gives records to them, so no request waits on the users service inside one; a known member
 * costs one read and no call.
 * @throws AppError 503/504 when the users service is needed and cannot answer
 */
export async function learnMembers(db: CrmDb, directory: MemberDirectory, scope: Scope, userIds: readonly (string | null | undefined)[]): Promise<void> {
  const wanted = [...new Set(userIds.filter((id): id is string => typeof id === "string").map((id) => id.toLowerCase()))];
  if (wanted.length === 0) return;
  const service = asService(scope.organizationId);
  const known = await inTransaction(db, service, (tx) =>
    tx.member.findMany({ where: { organizationId: scope.organizationId, userId: { in: wanted } }, select: { userId: true } }),
  );
  const unknown = wanted.filter((id) => !known.some((member) => member.userId === id));
  for (const userId of unknown) {
    const asOf = new Date();
    const status = await directory.membershipStatus(scope.organizationId, userId);
    if (status !== "active" && status !== "deactivated") continue;
    await inTransaction(db, service, (tx) => applyMembership(tx, service, { userId, status, asOf }));
  }
}
