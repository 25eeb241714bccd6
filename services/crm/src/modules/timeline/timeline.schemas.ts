/** The timeline of a record: its activities and what happened to it, newest first. */
import { countParameter, paginationQuery, z } from "@erp/http-kit";
import { activityDto } from "../activities/activity.schemas";

/** The records that have a timeline. */
export type TimelineRecord = "company" | "contact" | "lead" | "opportunity";

export const timelineQuery = paginationQuery.extend({ count: countParameter });
export type TimelineQuery = z.infer<typeof timelineQuery>;
export const timelineParams = z.object({ id: z.uuid() });

export const timelineEntryDto = z.object({
  type: z.enum(["activity", "change"]),
  at: z.string().describe("When it happened (an activity's occurredAt)"),
  activity: activityDto.optional().describe("For type activity"),
  change: z
    .object({
      id: z.uuid(),
      kind: z.string().describe("created, updated, stage_changed, qualified, disqualified, contacted, converted, merged"),
      actor: z.object({ type: z.enum(["user", "service"]), id: z.string() }),
      changes: z.unknown().describe("updated: [{ field, before, after }]; stage_changed: from/to stage and seconds in the previous one; converted, merged: what came of it"),
    })
    .optional()
    .describe("For type change"),
});
export type TimelineEntryDto = z.infer<typeof timelineEntryDto>;
