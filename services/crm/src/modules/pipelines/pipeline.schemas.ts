/** Request and response schemas of pipelines and their stages. */
import { listQuery, z } from "@erp/http-kit";
import type { Pipeline, PipelineStage } from "../../generated/prisma/client";

const stageKinds = ["open", "won", "lost"] as const;
const name = z.string().trim().min(1).max(100);
const probability = z.number().int().min(0).max(100).describe("Win probability in percent; won stages are 100, lost stages 0");

export const stageInput = z
  .object({
    name,
    kind: z.enum(stageKinds).default("open"),
    probability: probability.optional().describe("Required for open stages; won stages are 100, lost stages 0"),
  })
  .strict();
export type StageInput = z.infer<typeof stageInput>;

export const createPipelineBody = z
  .object({
    name,
    isDefault: z.boolean().default(false).describe("Make it the organization's default pipeline"),
    stages: z.array(stageInput).min(3).max(30).describe("In order; at least one open, one won and one lost stage"),
  })
  .strict()
  .openapi({
    example: {
      name: "Partnerships",
      isDefault: false,
      stages: [
        { name: "First call", kind: "open", probability: 10 },
        { name: "Contract draft", kind: "open", probability: 60 },
        { name: "Signed", kind: "won" },
        { name: "Dropped", kind: "lost" },
      ],
    },
  });
export type CreatePipelineInput = z.infer<typeof createPipelineBody>;

export const updatePipelineBody = z
  .object({ name, isDefault: z.literal(true).describe("Make it the default (the previous default stops being one)") })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "Give at least one field to change")
  .openapi({ example: { name: "Enterprise sales" } });
export type UpdatePipelineInput = z.infer<typeof updatePipelineBody>;

export const addStageBody = stageInput
  .extend({ position: z.number().int().min(0).optional().describe("0-based place among the stages; default last") })
  .strict()
  .openapi({ example: { name: "Demo", kind: "open", probability: 30, position: 1 } });
export type AddStageInput = z.infer<typeof addStageBody>;

export const updateStageBody = z
  .object({ name, probability })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "Give at least one field to change")
  .openapi({ example: { name: "Discovery", probability: 15 } });
export type UpdateStageInput = z.infer<typeof updateStageBody>;

export const reorderStagesBody = z
  .object({ stageIds: z.array(z.uuid()).min(1).describe("Every stage of the pipeline, once, in the new order") })
  .strict()
  .openapi({ example: { stageIds: ["0193a1b2-0000-7000-8000-0000000000a2", "0193a1b2-0000-7000-8000-0000000000a1"] } });

export const deleteStageQuery = z.object({
  moveTo: z.uuid().optional().describe("A stage of the same pipeline to move the stage's opportunities to first"),
});

export const pipelineIdParams = z.object({ id: z.uuid() });
export const stageParams = z.object({ id: z.uuid(), stageId: z.uuid() });

export const pipelineListQuery = listQuery({ sortable: ["name", "createdAt"], defaultSort: "name", filters: {} });
export type PipelineListQuery = z.infer<typeof pipelineListQuery>;

export const stageDto = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(stageKinds),
  probability: z.number().int(),
  position: z.number().int(),
});
export type StageDto = z.infer<typeof stageDto>;

export const pipelineDto = z.object({
  id: z.uuid(),
  name: z.string(),
  isDefault: z.boolean(),
  stages: z.array(stageDto).describe("In order"),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PipelineDto = z.infer<typeof pipelineDto>;

export function toStageDto(stage: PipelineStage): StageDto {
  return { id: stage.id, name: stage.name, kind: stage.kind, probability: stage.probability, position: stage.position };
}

export function toPipelineDto(pipeline: Pipeline & { stages: PipelineStage[] }): PipelineDto {
  return {
    id: pipeline.id,
    name: pipeline.name,
    isDefault: pipeline.isDefault,
    stages: [...pipeline.stages].sort((a, b) => a.position - b.position).map(toStageDto),
    createdAt: pipeline.createdAt.toISOString(),
    updatedAt: pipeline.updatedAt.toISOString(),
  };
}
