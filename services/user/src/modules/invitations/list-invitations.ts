/** A page of the organization's invitations, newest first; `expired` is a pending one past its expiry. */
import { decodeCursor, encodeCursor } from "@erp/lists";
import type { Scope } from "@erp/scope";
import { z } from "zod";
import type { Tx } from "../../db";
import { invitationRepository } from "./invitation.repository";
import { toInvitationDto, type InvitationDto, type ListInvitationsQuery } from "./invitation.schemas";

const cursorSchema = z.object({ id: z.uuid() });

/**
 * `total` (matching invitations over all pages) only when the query asks (`count=true`).
 * @throws AppError 400 for a cursor that is not one of this list's
 */
export async function listInvitations(
  tx: Tx,
  scope: Scope,
  query: ListInvitationsQuery,
): Promise<{ items: InvitationDto[]; nextCursor: string | null; total?: number }> {
  const beforeId = query.cursor ? decodeCursor(query.cursor, cursorSchema).id : undefined;
  const now = new Date();
  const window = { limit: query.limit, count: query.count };
  const rows = await invitationRepository(tx).list(scope.organizationId, { status: query.status, beforeId }, window, now);
  const items = rows.slice(0, query.limit).map((row) => toInvitationDto(row, now));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ id: last.id }) : null, total: rows.total };
}
