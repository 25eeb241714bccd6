/**
 * Deletes a stage. A stage opportunities are in is deleted only with `moveTo`, another stage of
 * the same pipeline: each opportunity is moved there first (a recorded move, like any other).
 * The pipeline keeps at least one open, one won and one lost stage.
 */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { unknownReference } from "../../references";
import { findOpportunity } from "../opportunities/get-opportunity";
import { moveTo } from "../opportunities/move-opportunity";
import { opportunityRepository } from "../opportunities/opportunity.repository";
import { findPipeline } from "./get-pipeline";
import { stageInUse } from "./pipeline.errors";
import { pipelineRepository } from "./pipeline.repository";
import { assertStagesComplete } from "./stage-rules";

/**
 * @throws AppError 404 (pipeline or stage); 409 STAGE_IN_USE (opportunities, no moveTo)
 * @throws AppError 422 STAGES_INCOMPLETE (its last open/won/lost stage), UNKNOWN_REFERENCE (moveTo),
 *   LOST_REASON_REQUIRED (moving into a lost stage needs a reason: move those deals yourself)
 */
export async function deleteStage(tx: Tx, scope: Scope, input: { pipelineId: string; stageId: string; moveTo?: string }): Promise<void> {
  const { organizationId } = scope;
  const repository = pipelineRepository(tx);
  await repository.lock(organizationId, input.pipelineId);
  const pipeline = await findPipeline(tx, scope, input.pipelineId);
  const stage = pipeline.stages.find((s) => s.id === input.stageId);
  if (!stage) throw notFound("Stage");
  const rest = pipeline.stages.filter((s) => s.id !== stage.id);
  assertStagesComplete(rest.map((s) => s.kind), "stageId");
  const target = input.moveTo === undefined ? undefined : rest.find((s) => s.id === input.moveTo);
  if (input.moveTo !== undefined && !target) throw unknownReference("moveTo", "other stage of the pipeline");
  const opportunities = await opportunityRepository(tx).inStage(organizationId, stage.id);
  if (opportunities.length > 0) {
    if (!target) throw stageInUse(opportunities.length);
    for (const { id } of opportunities) {
      await opportunityRepository(tx).lock(organizationId, id);
      await moveTo(tx, scope, await findOpportunity(tx, scope, id), target, undefined);
    }
  }
  await repository.deleteStage(organizationId, stage.id);
  await repository.setPositions(organizationId, rest.map((s) => s.id));
}
