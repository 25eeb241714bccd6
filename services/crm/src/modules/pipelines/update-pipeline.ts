/** Renames a pipeline, or makes it the default. */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { findPipeline } from "./get-pipeline";
import { pipelineNameTaken } from "./pipeline.errors";
import { pipelineRepository } from "./pipeline.repository";
import { toPipelineDto, type PipelineDto, type UpdatePipelineInput } from "./pipeline.schemas";

/** @throws AppError 404; 409 CONFLICT when another pipeline has the name */
export async function updatePipeline(tx: Tx, scope: Scope, input: { id: string; changes: UpdatePipelineInput }): Promise<PipelineDto> {
  const { organizationId } = scope;
  const repository = pipelineRepository(tx);
  const pipeline = await findPipeline(tx, scope, input.id);
  const { name, isDefault } = input.changes;
  if (name !== undefined) {
    const holder = await repository.findByName(organizationId, name);
    if (holder && holder.id !== pipeline.id) throw pipelineNameTaken(holder);
  }
  if (isDefault && !pipeline.isDefault) await repository.clearDefault(organizationId);
  await repository.update(organizationId, pipeline.id, { ...(name === undefined ? {} : { name }), ...(isDefault ? { isDefault } : {}) });
  return toPipelineDto(await findPipeline(tx, scope, pipeline.id));
}
