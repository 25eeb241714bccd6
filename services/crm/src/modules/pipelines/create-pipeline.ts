/** Creates a pipeline with its stages (in the order given); optionally the new default. */
import { uuidv7 } from "@erp/db";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { pipelineNameTaken, stageNameTaken } from "./pipeline.errors";
import { pipelineRepository } from "./pipeline.repository";
import { toPipelineDto, type CreatePipelineInput, type PipelineDto } from "./pipeline.schemas";
import { assertStagesComplete, stageProbability } from "./stage-rules";

/**
 * @throws AppError 409 CONFLICT when another pipeline has the name, or two stages share one
 * @throws AppError 422 STAGES_INCOMPLETE, PROBABILITY_REQUIRED, PROBABILITY_FIXED
 */
export async function createPipeline(tx: Tx, scope: Scope, input: CreatePipelineInput): Promise<PipelineDto> {
  const { organizationId } = scope;
  const repository = pipelineRepository(tx);
  assertStagesComplete(input.stages.map((stage) => stage.kind));
  const seen = new Map<string, string>();
  const stages = input.stages.map((stage, position) => {
    const key = stage.name.toLowerCase();
    const id = uuidv7();
    const earlier = seen.get(key);
    if (earlier) throw stageNameTaken({ id: earlier, name: stage.name });
    seen.set(key, id);
    return { id, name: stage.name, kind: stage.kind, probability: stageProbability(stage.kind, stage.probability, `stages.${position}.probability`), position };
  });
  const holder = await repository.findByName(organizationId, input.name);
  if (holder) throw pipelineNameTaken(holder);
  if (input.isDefault) await repository.clearDefault(organizationId);
  const id = uuidv7();
  await repository.create(organizationId, { id, name: input.name, isDefault: input.isDefault });
  await tx.pipelineStage.createMany({ data: stages.map((stage) => ({ ...stage, organizationId, pipelineId: id })) });
  return toPipelineDto((await repository.find(organizationId, id))!);
}
