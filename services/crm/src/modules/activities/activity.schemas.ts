/** Request and response schemas of activities: notes, calls, meetings, emails (logged) and tasks. */
import { listQuery, z } from "@erp/http-kit";
import type { Activity } from "../../generated/prisma/client";

export const ACTIVITY_TYPES = ["note", "call", "meeting", "email", "task"] as const;
const timestamp = z.iso.datetime({ offset: true }).describe("ISO 8601");

const links = {
  companyId: z.uuid().optional(),
  contactId: z.uuid().optional().describe("A merged contact's id is taken as the contact it was merged into"),
  leadId: z.uuid().optional(),
  opportunityId: z.uuid().optional(),
};

const editable = {
  subject: z.string().trim().min(1).max(200),
  body: z.string().trim().max(20000).nullable().optional(),
  occurredAt: timestamp.optional().describe("When it happened (calls, meetings...); default now"),
  durationMinutes: z.number().int().min(0).max(10080).nullable().optional(),
  dueAt: timestamp.nullable().optional().describe("Tasks only: when it falls due (crm.task.due is published then, once)"),
  assigneeId: z.uuid().nullable().optional().describe("Tasks only: a member of the organization"),
};

export const createActivityBody = z
  .object({ type: z.enum(ACTIVITY_TYPES), ...editable, ...links })
  .strict()
  .refine((body) => Object.keys(links).some((link) => body[link as keyof typeof links] !== undefined), {
    message: "Attach it to at least one record: companyId, contactId, leadId or opportunityId",
    path: ["companyId"],
  })
  .refine((body) => body.type === "task" || (body.dueAt == null && body.assigneeId == null), {
    message: "Only tasks have a due time and an assignee",
    path: ["dueAt"],
  })
  .openapi({
    example: {
      type: "task",
      subject: "Send the revised quote",
      dueAt: "2026-03-02T09:00:00.000Z",
      contactId: "0193a1b2-0000-7000-8000-0000000000c1",
    },
  });
export type CreateActivityInput = z.infer<typeof createActivityBody>;

export const updateActivityBody = z
  .object(editable)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "Give at least one field to change")
  .openapi({ example: { subject: "Send the revised quote (v2)", dueAt: "2026-03-03T09:00:00.000Z" } });
export type UpdateActivityInput = z.infer<typeof updateActivityBody>;

export const activityIdParams = z.object({ id: z.uuid() });

export const activityListQuery = listQuery({
  sortable: ["occurredAt", "createdAt"],
  defaultSort: "-occurredAt",
  filters: {
    type: z.enum(ACTIVITY_TYPES).optional(),
    assigneeId: z.uuid().optional(),
    done: z.enum(["true", "false"]).optional().describe("Tasks done or open"),
    dueBefore: timestamp.optional().describe("Tasks due before this time"),
    companyId: z.uuid().optional(),
    contactId: z.uuid().optional(),
    leadId: z.uuid().optional(),
    opportunityId: z.uuid().optional(),
  },
});
export type ActivityListQuery = z.infer<typeof activityListQuery>;

export const activityDto = z.object({
  id: z.uuid(),
  type: z.enum(ACTIVITY_TYPES),
  subject: z.string(),
  body: z.string().nullable(),
  occurredAt: z.string(),
  durationMinutes: z.number().int().nullable(),
  dueAt: z.string().nullable(),
  assigneeId: z.uuid().nullable(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  companyId: z.uuid().nullable(),
  contactId: z.uuid().nullable(),
  leadId: z.uuid().nullable(),
  opportunityId: z.uuid().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ActivityDto = z.infer<typeof activityDto>;

export function toActivityDto(row: Activity): ActivityDto {
  return {
    id: row.id,
    type: row.type,
    subject: row.subject,
    body: row.body,
    occurredAt: row.occurredAt.toISOString(),
    durationMinutes: row.durationMinutes,
    dueAt: row.dueAt?.toISOString() ?? null,
    assigneeId: row.assigneeId,
    done: row.doneAt !== null,
    doneAt: row.doneAt?.toISOString() ?? null,
    companyId: row.companyId,
    contactId: row.contactId,
    leadId: row.leadId,
    opportunityId: row.opportunityId,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const activityLinks = (dto: ActivityDto) => ({
  companyId: dto.companyId,
  contactId: dto.contactId,
  leadId: dto.leadId,
  opportunityId: dto.opportunityId,
});
