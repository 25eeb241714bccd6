/**
 * Moves an opportunity to another stage: the stage history gets a row (from, to, who, when, how
 * long it stayed in the previous stage), the timeline a change, and crm.opportunity.stage_changed
 * is published, plus crm.opportunity.won or .lost when the move closes it. A stage of another
 * pipeline moves the deal to that pipeline. Won and lost are moves to a won or lost stage.
 */
import { uuidv7 } from "@erp/db";
import { opportunityLost, opportunityStageChanged, opportunityWon } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import type { PipelineStage } from "../../generated/prisma/client";
import { unknownReference } from "../../references";
import { findPipeline } from "../pipelines/get-pipeline";
import { pipelineRepository } from "../pipelines/pipeline.repository";
import { recordChange } from "../timeline/record-change";
import { findOpportunity } from "./get-opportunity";
import { alreadyInStage, lostReasonRequired, stageKindMismatch } from "./opportunity.errors";
import { opportunityRepository } from "./opportunity.repository";
import { toOpportunityDto, type MoveOpportunityInput, type OpportunityDto } from "./opportunity.schemas";

/**
 * @throws AppError 404 (opportunity); 409 INVALID_STATE when it is in the stage already
 * @throws AppError 422 UNKNOWN_REFERENCE (stage), LOST_REASON_REQUIRED (a lost stage without a reason)
 */
export async function moveOpportunity(tx: Tx, scope: Scope, input: { id: string } & MoveOpportunityInput): Promise<OpportunityDto> {
  const { organizationId } = scope;
  const repository = opportunityRepository(tx);
  await repository.lock(organizationId, input.id);
  const opportunity = await findOpportunity(tx, scope, input.id);
  const stage = await pipelineRepository(tx).findStage(organizationId, input.stageId);
  if (!stage) throw unknownReference("stageId", "stage");
  return moveTo(tx, scope, opportunity, stage, input.lostReason);
}

/** Closes the opportunity as won: into `stageId` (a won stage) or its pipeline's first won stage. */
export async function winOpportunity(tx: Tx, scope: Scope, input: { id: string; stageId?: string }): Promise<OpportunityDto> {
  return close(tx, scope, input, "won");
}

/** Closes the opportunity as lost, with the reason: into `stageId` (a lost stage) or its pipeline's first lost stage. */
export async function loseOpportunity(tx: Tx, scope: Scope, input: { id: string; stageId?: string; lostReason: string }): Promise<OpportunityDto> {
  return close(tx, scope, input, "lost");
}

async function close(tx: Tx, scope: Scope, input: { id: string; stageId?: string; lostReason?: string }, kind: "won" | "lost") {
  const { organizationId } = scope;
  await opportunityRepository(tx).lock(organizationId, input.id);
  const opportunity = await findOpportunity(tx, scope, input.id);
  let stage: PipelineStage | undefined;
  if (input.stageId) {
    stage = (await pipelineRepository(tx).findStage(organizationId, input.stageId)) ?? undefined;
    if (!stage) throw unknownReference("stageId", "stage");
    if (stage.kind !== kind) throw stageKindMismatch(kind);
  } else {
    stage = (await findPipeline(tx, scope, opportunity.pipelineId)).stages.find((s) => s.kind === kind);
    if (!stage) throw stageKindMismatch(kind);
  }
  return moveTo(tx, scope, opportunity, stage, input.lostReason);
}

/** The move itself, on a locked opportunity. Also what deleting a stage with `moveTo` runs per deal. */
export async function moveTo(
  tx: Tx,
  scope: Scope,
  opportunity: Awaited<ReturnType<typeof findOpportunity>>,
  stage: PipelineStage,
  lostReason: string | undefined,
): Promise<OpportunityDto> {
  const { organizationId } = scope;
  if (stage.id === opportunity.stageId) throw alreadyInStage();
  if (stage.kind === "lost" && !lostReason) throw lostReasonRequired();
  const now = new Date();
  const seconds = Math.max(0, Math.floor((now.getTime() - opportunity.stageEnteredAt.getTime()) / 1000));
  const row = await opportunityRepository(tx).update(organizationId, opportunity.id, {
    pipelineId: stage.pipelineId,
    stageId: stage.id,
    status: stage.kind,
    closedAt: stage.kind === "open" ? null : now,
    lostReason: stage.kind === "lost" ? lostReason : null,
    stageEnteredAt: now,
  });
  const from = opportunity.stage;
  await opportunityRepository(tx).addHistory(organizationId, {
    id: uuidv7(),
    opportunityId: opportunity.id,
    fromStageId: from.id,
    fromStageName: from.name,
    toStageId: stage.id,
    toStageName: stage.name,
    actorType: scope.actor.type,
    actorId: scope.actor.id,
    changedAt: now,
    secondsInPreviousStage: seconds,
  });
  const dto = toOpportunityDto(row);
  const moved = {
    pipelineId: stage.pipelineId,
    fromStageId: from.id,
    fromStageName: from.name,
    toStageId: stage.id,
    toStageName: stage.name,
    secondsInPreviousStage: seconds,
    status: stage.kind,
  };
  await recordChange(tx, scope, { recordType: "opportunity", recordId: dto.id, kind: "stage_changed", changes: moved, at: now });
  const entry = { organizationId, aggregateType: "opportunity", aggregateId: dto.id, actor: scope.actor };
  await appendToOutbox(tx, OUTBOX_SCHEMA, { ...entry, event: opportunityStageChanged, data: moved });
  const closed = { stageId: stage.id, amount: dto.amount, currency: dto.currency };
  if (stage.kind === "won") await appendToOutbox(tx, OUTBOX_SCHEMA, { ...entry, event: opportunityWon, data: closed });
  if (stage.kind === "lost") await appendToOutbox(tx, OUTBOX_SCHEMA, { ...entry, event: opportunityLost, data: { ...closed, lostReason: lostReason! } });
  return dto;
}
