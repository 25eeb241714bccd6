/**
 * A record's timeline: the activities attached to it and the changes recorded for it, newest
 * first, in keyset pages over (time, id). A merged contact's id shows the survivor's timeline,
 * which holds the merged contact's entries too.
 */
import { badRequest, notFound } from "@erp/errors";
import { decodeCursor, encodeCursor, page, totalIfAsked, type Page } from "@erp/lists";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import type { RecordType } from "../../generated/prisma/enums";
import { activityRepository } from "../activities/activity.repository";
import { toActivityDto } from "../activities/activity.schemas";
import { contactIdOf } from "../contacts/resolve-contact";
import type { TimelineEntryDto, TimelineQuery } from "./timeline.schemas";

const LINK: Record<RecordType, string> = { company: "company_id", contact: "contact_id", lead: "lead_id", opportunity: "opportunity_id" };

async function recordExists(tx: Tx, scope: Scope, recordType: RecordType, id: string): Promise<boolean> {
  const where = { organizationId: scope.organizationId, id };
  switch (recordType) {
    case "company":
      return (await tx.company.count({ where })) > 0;
    case "contact":
      return (await tx.contact.count({ where })) > 0;
    case "lead":
      return (await tx.lead.count({ where })) > 0;
    case "opportunity":
      return (await tx.opportunity.count({ where })) > 0;
  }
}

/**
 * `page.total` (the record's entries over all pages) only when the query asks (`count=true`).
 * @throws AppError 404 when the organization has no such record; 400 for a cursor that is not this list's
 */
export async function getTimeline(tx: Tx, scope: Scope, input: { recordType: RecordType; id: string } & TimelineQuery): Promise<Page<TimelineEntryDto>> {
  const { organizationId } = scope;
  const id = input.recordType === "contact" ? await contactIdOf(tx, organizationId, input.id) : input.id;
  if (!(await recordExists(tx, scope, input.recordType, id))) throw notFound(input.recordType[0]!.toUpperCase() + input.recordType.slice(1));
  const after = input.cursor ? cursorOf(input.cursor) : null;
  // The column comes from the constant map above, never from input.
  const rows = await tx.$queryRawUnsafe<{ type: "activity" | "change"; id: string; at: Date }[]>(
    `SELECT type, id, at FROM (
       SELECT 'activity' AS type, id, occurred_at AS at FROM activities WHERE organization_id = $1::uuid AND ${LINK[input.recordType]} = $2::uuid
       UNION ALL
       SELECT 'change', id, occurred_at FROM record_changes
       WHERE organization_id = $1::uuid AND record_type = $3::crm.record_type AND record_id = $2::uuid
     ) entries
     WHERE $4::timestamptz IS NULL OR (at, id) < ($4::timestamptz, $5::uuid)
     ORDER BY at DESC, id DESC
     LIMIT $6`,
    organizationId,
    id,
    input.recordType,
    after?.at ?? null,
    after?.id ?? null,
    input.limit + 1,
  );
  const shown = rows.slice(0, input.limit);
  const activities = new Map(
    (await activityRepository(tx).findMany(organizationId, shown.filter((r) => r.type === "activity").map((r) => r.id))).map((a) => [a.id, a]),
  );
  const changes = new Map(
    (await tx.recordChange.findMany({ where: { organizationId, id: { in: shown.filter((r) => r.type === "change").map((r) => r.id) } } })).map((c) => [c.id, c]),
  );
  const entries = shown.map((row): TimelineEntryDto => {
    if (row.type === "activity") return { type: "activity", at: row.at.toISOString(), activity: toActivityDto(activities.get(row.id)!) };
    const change = changes.get(row.id)!;
    return {
      type: "change",
      at: row.at.toISOString(),
      change: { id: change.id, kind: change.kind, actor: { type: change.actorType as "user" | "service", id: change.actorId }, changes: change.changes ?? null },
    };
  });
  const last = shown.at(-1);
  const next = rows.length > input.limit && last ? encodeCursor({ at: last.at.toISOString(), id: last.id }) : null;
  const total = await totalIfAsked(input.count, async () => {
    const [counted] = await tx.$queryRawUnsafe<{ total: number }[]>(
      `SELECT (SELECT count(*) FROM activities WHERE organization_id = $1::uuid AND ${LINK[input.recordType]} = $2::uuid)::int
            + (SELECT count(*) FROM record_changes WHERE organization_id = $1::uuid AND record_type = $3::crm.record_type AND record_id = $2::uuid)::int AS total`,
      organizationId,
      id,
      input.recordType,
    );
    return counted!.total;
  });
  return page(entries, next, input.limit, total);
}

function cursorOf(cursor: string): { at: string; id: string } {
  const value = decodeCursor(cursor) as { at?: unknown; id?: unknown } | null;
  if (!value || typeof value.at !== "string" || typeof value.id !== "string" || Number.isNaN(Date.parse(value.at))) {
    throw badRequest("Invalid cursor", [{ path: "cursor", message: "Invalid cursor" }]);
  }
  return { at: value.at, id: value.id };
}
