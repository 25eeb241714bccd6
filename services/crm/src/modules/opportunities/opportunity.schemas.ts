/** Request and response schemas of opportunities (deals) and their stage history. */
import { listQuery, z } from "@erp/http-kit";
import { amount, currencyCode, formatDecimal } from "@erp/money";
import type { Opportunity, OpportunityStageHistory, PipelineStage } from "../../generated/prisma/client";
import { dateString } from "@erp/dates";

const statuses = ["open", "won", "lost"] as const;
const date = dateString;
const tags = z.array(z.string().trim().min(1).max(50)).max(20);
const bothOrNeither = (body: { amount?: string | null; currency?: string | null }) =>
  (body.amount === undefined) === (body.currency === undefined) && (body.amount === null) === (body.currency === null);

const fields = {
  name: z.string().trim().min(1).max(200),
  companyId: z.uuid().nullable().optional(),
  contactId: z.uuid().nullable().optional().describe("A merged contact's id is taken as the contact it was merged into"),
  amount: amount(20).nullable().optional(),
  currency: currencyCode.nullable().optional().describe("ISO 4217; given together with amount"),
  expectedCloseDate: date.nullable().optional(),
  ownerId: z.uuid().nullable().optional().describe("A member of the organization"),
  tags,
};

export const createOpportunityBody = z
  .object({
    ...fields,
    pipelineId: z.uuid().optional().describe("Default: the organization's default pipeline"),
    stageId: z.uuid().optional().describe("An open stage of the pipeline; default its first open stage"),
    tags: tags.default([]),
  })
  .strict()
  .refine(bothOrNeither, { message: "amount and currency go together", path: ["currency"] })
  .openapi({
    example: { name: "Acme: 40 licences", amount: "12000.00", currency: "EUR", expectedCloseDate: "2026-03-31", tags: ["licences"] },
  });
export type CreateOpportunityInput = z.infer<typeof createOpportunityBody>;

export const updateOpportunityBody = z
  .object(fields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "Give at least one field to change")
  .refine(bothOrNeither, { message: "amount and currency go together", path: ["currency"] })
  .openapi({ example: { amount: "15000.00", currency: "EUR", expectedCloseDate: "2026-04-30" } });
export type UpdateOpportunityInput = z.infer<typeof updateOpportunityBody>;

export const moveOpportunityBody = z
  .object({
    stageId: z.uuid().describe("Any stage of the organization's pipelines (moving to another pipeline's stage moves the deal there)"),
    lostReason: z.string().trim().min(1).max(500).optional().describe("Required when the stage is a lost stage"),
  })
  .strict()
  .openapi({ example: { stageId: "0193a1b2-0000-7000-8000-0000000000a3" } });
export type MoveOpportunityInput = z.infer<typeof moveOpportunityBody>;

export const winOpportunityBody = z
  .object({ stageId: z.uuid().optional().describe("A won stage; default the pipeline's first won stage") })
  .strict()
  .openapi({ example: {} });

export const loseOpportunityBody = z
  .object({
    lostReason: z.string().trim().min(1).max(500),
    stageId: z.uuid().optional().describe("A lost stage; default the pipeline's first lost stage"),
  })
  .strict()
  .openapi({ example: { lostReason: "Chose a competitor on price" } });

export const opportunityIdParams = z.object({ id: z.uuid() });

export const opportunityListQuery = listQuery({
  sortable: ["name", "createdAt", "updatedAt", "stageEnteredAt"],
  defaultSort: "-createdAt",
  filters: {
    status: z.enum(statuses).optional(),
    pipelineId: z.uuid().optional(),
    stageId: z.uuid().optional(),
    ownerId: z.uuid().optional(),
    companyId: z.uuid().optional(),
    contactId: z.uuid().optional(),
    tag: z.string().trim().min(1).optional(),
  },
});
export type OpportunityListQuery = z.infer<typeof opportunityListQuery>;

export const opportunityDto = z.object({
  id: z.uuid(),
  name: z.string(),
  companyId: z.uuid().nullable(),
  contactId: z.uuid().nullable(),
  pipelineId: z.uuid(),
  stageId: z.uuid(),
  stage: z.object({ name: z.string(), kind: z.enum(statuses), probability: z.number().int() }),
  status: z.enum(statuses),
  amount: z.string().nullable(),
  currency: z.string().nullable(),
  expectedCloseDate: z.string().nullable(),
  ownerId: z.uuid().nullable(),
  lostReason: z.string().nullable(),
  closedAt: z.string().nullable(),
  stageEnteredAt: z.string(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OpportunityDto = z.infer<typeof opportunityDto>;

export const stageHistoryDto = z.object({
  id: z.uuid(),
  fromStageId: z.uuid().nullable().describe("Null on the row of the opportunity's creation"),
  fromStageName: z.string().nullable(),
  toStageId: z.uuid(),
  toStageName: z.string(),
  changedAt: z.string(),
  changedBy: z.object({ type: z.enum(["user", "service"]), id: z.string() }),
  secondsInPreviousStage: z.number().int().nullable().describe("How long it stayed in fromStage"),
});
export type StageHistoryDto = z.infer<typeof stageHistoryDto>;

export type OpportunityWithStage = Opportunity & { stage: PipelineStage };

export const isoDate = (value: Date | null): string | null => value?.toISOString().slice(0, 10) ?? null;

export function toOpportunityDto(row: OpportunityWithStage): OpportunityDto {
  return {
    id: row.id,
    name: row.name,
    companyId: row.companyId,
    contactId: row.contactId,
    pipelineId: row.pipelineId,
    stageId: row.stageId,
    stage: { name: row.stage.name, kind: row.stage.kind, probability: row.stage.probability },
    status: row.status,
    amount: formatDecimal(row.amount, 2),
    currency: row.currency,
    expectedCloseDate: isoDate(row.expectedCloseDate),
    ownerId: row.ownerId,
    lostReason: row.lostReason,
    closedAt: row.closedAt?.toISOString() ?? null,
    stageEnteredAt: row.stageEnteredAt.toISOString(),
    tags: row.tags,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toStageHistoryDto(row: OpportunityStageHistory): StageHistoryDto {
  return {
    id: row.id,
    fromStageId: row.fromStageId,
    fromStageName: row.fromStageName,
    toStageId: row.toStageId,
    toStageName: row.toStageName,
    changedAt: row.changedAt.toISOString(),
    changedBy: { type: row.actorType as "user" | "service", id: row.actorId },
    secondsInPreviousStage: row.secondsInPreviousStage,
  };
}

/** The event snapshot of an opportunity. */
export function opportunitySnapshot(dto: OpportunityDto) {
  const { name, companyId, contactId, pipelineId, stageId, status, amount: value, currency, expectedCloseDate, ownerId } = dto;
  return { name, companyId, contactId, pipelineId, stageId, status, amount: value, currency, expectedCloseDate, ownerId };
}
