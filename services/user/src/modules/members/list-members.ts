/** A page of the organization's members, filtered by status, role, department or text, by user id. */
import { decodeCursor, encodeCursor } from "@erp/lists";
import type { Scope } from "@erp/scope";
import { z } from "zod";
import type { Tx } from "../../db";
import { membershipRepository } from "./membership.repository";
import { toMemberDto, type ListMembersQuery, type MemberDto } from "./member.schemas";

const cursorSchema = z.object({ userId: z.uuid() });

/**
 * `total` (matching members over all pages) only when the query asks (`count=true`).
 * @throws AppError 400 for a cursor that is not one of this list's
 */
export async function listMembers(
  tx: Tx,
  scope: Scope,
  query: ListMembersQuery,
): Promise<{ items: MemberDto[]; nextCursor: string | null; total?: number }> {
  const { limit, cursor, count, ...filters } = query;
  const afterUserId = cursor ? decodeCursor(cursor, cursorSchema).userId : undefined;
  const rows = await membershipRepository(tx).list(scope.organizationId, { ...filters, afterUserId }, { take: limit + 1, count });
  const items = rows.slice(0, limit).map(toMemberDto);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ userId: last.userId }) : null, total: rows.total };
}
