/** Adds a stage to a pipeline, last or at a position (the stages after it move down). */
import { uuidv7 } from "@erp/db";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { findPipeline } from "./get-pipeline";
import { stageNameTaken } from "./pipeline.errors";
import { pipelineRepository } from "./pipeline.repository";
import { toPipelineDto, type AddStageInput, type PipelineDto } from "./pipeline.schemas";
import { stageProbability } from "./stage-rules";

/** @throws AppError 404; 409 CONFLICT when the pipeline has a stage of that name; 422 for the probability */
export async function addStage(tx: Tx, scope: Scope, input: { pipelineId: string; stage: AddStageInput }): Promise<PipelineDto> {
  const { organizationId } = scope;
  const repository = pipelineRepository(tx);
  await repository.lock(organizationId, input.pipelineId);
  const pipeline = await findPipeline(tx, scope, input.pipelineId);
  const { stage } = input;
  const holder = pipeline.stages.find((s) => s.name.trim().toLowerCase() === stage.name.toLowerCase());
  if (holder) throw stageNameTaken(holder);
  const probability = stageProbability(stage.kind, stage.probability, "probability");
  const ordered = pipeline.stages.map((s) => s.id);
  const id = uuidv7();
  const position = Math.min(stage.position ?? ordered.length, ordered.length);
  await repository.createStage(organizationId, { id, pipelineId: pipeline.id, name: stage.name, kind: stage.kind, probability, position });
  ordered.splice(position, 0, id);
  await repository.setPositions(organizationId, ordered);
  await repository.update(organizationId, pipeline.id, { updatedAt: new Date() });
  return toPipelineDto(await findPipeline(tx, scope, pipeline.id));
}
