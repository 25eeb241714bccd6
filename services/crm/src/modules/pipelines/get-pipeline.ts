/** One pipeline with its stages in order. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { pipelineRepository, type PipelineWithStages } from "./pipeline.repository";
import { toPipelineDto, type PipelineDto } from "./pipeline.schemas";

/** @throws AppError 404 when the organization has no such pipeline */
export async function findPipeline(tx: Tx, scope: Scope, id: string): Promise<PipelineWithStages> {
  const pipeline = await pipelineRepository(tx).find(scope.organizationId, id);
  if (!pipeline) throw notFound("Pipeline");
  return pipeline;
}

/**
 * The given pipeline, or the organization's default one.
 * @throws AppError 404 when there is no such pipeline (or no default)
 */
export async function pipelineOrDefault(tx: Tx, scope: Scope, id: string | undefined): Promise<PipelineWithStages> {
  if (id) return findPipeline(tx, scope, id);
  const pipeline = await pipelineRepository(tx).findDefault(scope.organizationId);
  if (!pipeline) throw notFound("Default pipeline");
  return pipeline;
}

export async function getPipeline(tx: Tx, scope: Scope, input: { id: string }): Promise<PipelineDto> {
  return toPipelineDto(await findPipeline(tx, scope, input.id));
}
