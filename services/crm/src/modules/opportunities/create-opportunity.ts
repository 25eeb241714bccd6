/**
 * Creates an opportunity in an open stage (the pipeline's first open stage unless given), with
 * the first row of its stage history and its created event. Also what a lead conversion runs.
 */
import { uuidv7 } from "@erp/db";
import { opportunityCreated } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { unknownReference } from "../../references";
import { referencedCompanyId } from "../companies/referenced-company";
import { referencedContactId } from "../contacts/resolve-contact";
import { pipelineOrDefault } from "../pipelines/get-pipeline";
import { recordChange } from "../timeline/record-change";
import { stageKindMismatch } from "./opportunity.errors";
import { opportunityRepository } from "./opportunity.repository";
import { opportunitySnapshot, toOpportunityDto, type CreateOpportunityInput, type OpportunityDto } from "./opportunity.schemas";
import { requireActiveMember } from "../members/require-active-member";

/**
 * @throws AppError 404 when the pipeline (or the default one) does not exist
 * @throws AppError 422 UNKNOWN_REFERENCE (stage, company, contact), STAGE_KIND_MISMATCH (not an open stage),
 *   NOT_AN_ACTIVE_MEMBER (ownerId)
 */
export async function createOpportunity(tx: Tx, scope: Scope, input: CreateOpportunityInput): Promise<OpportunityDto> {
  const { organizationId } = scope;
  const pipeline = await pipelineOrDefault(tx, scope, input.pipelineId);
  const stage = input.stageId ? pipeline.stages.find((s) => s.id === input.stageId) : pipeline.stages.find((s) => s.kind === "open");
  if (!stage) throw unknownReference("stageId", "stage in the pipeline");
  if (stage.kind !== "open") throw stageKindMismatch("open");
  const companyId = await referencedCompanyId(tx, organizationId, input.companyId);
  const contactId = await referencedContactId(tx, organizationId, input.contactId);
  await requireActiveMember(tx, scope, { userId: input.ownerId, path: "ownerId" });
  const now = new Date();
  const id = uuidv7();
  const row = await opportunityRepository(tx).create(organizationId, {
    id,
    name: input.name,
    companyId: companyId ?? null,
    contactId: contactId ?? null,
    pipelineId: pipeline.id,
    stageId: stage.id,
    status: "open",
    amount: input.amount ?? null,
    currency: input.currency ?? null,
    expectedCloseDate: input.expectedCloseDate ? new Date(`${input.expectedCloseDate}T00:00:00Z`) : null,
    ownerId: input.ownerId ?? (scope.actor.type === "user" ? scope.actor.id : null),
    stageEnteredAt: now,
    tags: input.tags,
  });
  await opportunityRepository(tx).addHistory(organizationId, {
    id: uuidv7(),
    opportunityId: id,
    toStageId: stage.id,
    toStageName: stage.name,
    actorType: scope.actor.type,
    actorId: scope.actor.id,
    changedAt: now,
  });
  const dto = toOpportunityDto(row);
  await recordChange(tx, scope, { recordType: "opportunity", recordId: id, kind: "created", at: now });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: opportunityCreated,
    organizationId,
    aggregateType: "opportunity",
    aggregateId: id,
    actor: scope.actor,
    data: opportunitySnapshot(dto),
  });
  return dto;
}
