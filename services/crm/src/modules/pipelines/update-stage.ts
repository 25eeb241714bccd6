/** Renames a stage or changes its probability (a won or lost stage's probability is fixed). */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { findPipeline } from "./get-pipeline";
import { stageNameTaken } from "./pipeline.errors";
import { pipelineRepository } from "./pipeline.repository";
import { toPipelineDto, type PipelineDto, type UpdateStageInput } from "./pipeline.schemas";
import { stageProbability } from "./stage-rules";

/** @throws AppError 404 (pipeline or stage); 409 CONFLICT for a taken name; 422 PROBABILITY_FIXED */
export async function updateStage(
  tx: Tx,
  scope: Scope,
  input: { pipelineId: string; stageId: string; changes: UpdateStageInput },
): Promise<PipelineDto> {
  const { organizationId } = scope;
  const repository = pipelineRepository(tx);
  await repository.lock(organizationId, input.pipelineId);
  const pipeline = await findPipeline(tx, scope, input.pipelineId);
  const stage = pipeline.stages.find((s) => s.id === input.stageId);
  if (!stage) throw notFound("Stage");
  const { name, probability } = input.changes;
  if (name !== undefined) {
    const holder = pipeline.stages.find((s) => s.id !== stage.id && s.name.trim().toLowerCase() === name.toLowerCase());
    if (holder) throw stageNameTaken(holder);
  }
  await repository.updateStage(organizationId, stage.id, {
    ...(name === undefined ? {} : { name }),
    ...(probability === undefined ? {} : { probability: stageProbability(stage.kind, probability, "probability") }),
  });
  return toPipelineDto(await findPipeline(tx, scope, pipeline.id));
}
