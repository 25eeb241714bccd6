/** Puts a pipeline's stages in a new order (every stage listed once). */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { findPipeline } from "./get-pipeline";
import { stageOrderMismatch } from "./pipeline.errors";
import { pipelineRepository } from "./pipeline.repository";
import { toPipelineDto, type PipelineDto } from "./pipeline.schemas";

/** @throws AppError 404; 422 STAGE_ORDER_MISMATCH when `stageIds` is not the pipeline's stages, each once */
export async function reorderStages(tx: Tx, scope: Scope, input: { pipelineId: string; stageIds: string[] }): Promise<PipelineDto> {
  const { organizationId } = scope;
  const repository = pipelineRepository(tx);
  await repository.lock(organizationId, input.pipelineId);
  const pipeline = await findPipeline(tx, scope, input.pipelineId);
  const current = new Set(pipeline.stages.map((s) => s.id));
  const given = new Set(input.stageIds);
  if (given.size !== input.stageIds.length || given.size !== current.size || ![...given].every((id) => current.has(id))) {
    throw stageOrderMismatch();
  }
  await repository.setPositions(organizationId, input.stageIds);
  await repository.update(organizationId, pipeline.id, { updatedAt: new Date() });
  return toPipelineDto(await findPipeline(tx, scope, pipeline.id));
}
