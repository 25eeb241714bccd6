/** Deletes a pipeline no opportunity is in, other than the default. */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { findPipeline } from "./get-pipeline";
import { pipelineInUse } from "./pipeline.errors";
import { pipelineRepository } from "./pipeline.repository";

/** @throws AppError 404; 409 PIPELINE_IN_USE when it is the default or holds opportunities */
export async function deletePipeline(tx: Tx, scope: Scope, input: { id: string }): Promise<void> {
  const { organizationId } = scope;
  const repository = pipelineRepository(tx);
  const pipeline = await findPipeline(tx, scope, input.id);
  await repository.lock(organizationId, pipeline.id);
  if (pipeline.isDefault) throw pipelineInUse("The default pipeline cannot be deleted: make another one the default first");
  const count = await repository.opportunitiesInPipeline(organizationId, pipeline.id);
  if (count > 0) throw pipelineInUse(`${count} opportunit${count === 1 ? "y is" : "ies are"} in the pipeline: move them to another pipeline first`);
  await repository.delete(organizationId, pipeline.id);
}
