/** Prisma queries for pipelines and stages; the organization id comes first and is part of every filter. */
import { keysetFindMany } from "@erp/db";
import type { ListWindow } from "@erp/lists";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Pipeline, PipelineStage, Prisma } from "../../generated/prisma/client";

const withStages = { stages: { orderBy: { position: "asc" } } } as const;

export function pipelineRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId, id: string) => tx.pipeline.findFirst({ where: { organizationId, id }, include: withStages }),

    findDefault: (organizationId: OrganizationId) => tx.pipeline.findFirst({ where: { organizationId, isDefault: true }, include: withStages }),

    /** Locks the pipeline row until the transaction ends: stage changes of one pipeline queue up. */
    lock: async (organizationId: OrganizationId, id: string) => {
      await tx.$executeRaw`SELECT 1 FROM pipelines WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    },

    /** The pipeline whose name equals `name` ignoring case and surrounding whitespace (as the unique index compares). */
    findByName: async (organizationId: OrganizationId, name: string) => {
      const [row] = await tx.$queryRaw<{ id: string; name: string }[]>`
        SELECT id, name FROM pipelines WHERE organization_id = ${organizationId}::uuid AND lower(btrim(name)) = ${name.trim().toLowerCase()}`;
      return row;
    },

    create: (organizationId: OrganizationId, data: Omit<Prisma.PipelineUncheckedCreateInput, "organizationId">) =>
      tx.pipeline.create({ data: { ...data, organizationId } }),

    update: (organizationId: OrganizationId, id: string, data: Prisma.PipelineUncheckedUpdateInput) =>
      tx.pipeline.update({ where: { id, organizationId }, data }),

    clearDefault: (organizationId: OrganizationId) => tx.pipeline.updateMany({ where: { organizationId, isDefault: true }, data: { isDefault: false } }),

    delete: (organizationId: OrganizationId, id: string) => tx.pipeline.delete({ where: { id, organizationId } }),

    list: (organizationId: OrganizationId, window: ListWindow) =>
      keysetFindMany<Prisma.PipelineWhereInput, Prisma.PipelineOrderByWithRelationInput, Pipeline & { stages: PipelineStage[] }>(
        {
          findMany: (args: Prisma.PipelineFindManyArgs) => tx.pipeline.findMany({ ...args, include: withStages }) as never,
          count: (args: Prisma.PipelineCountArgs) => tx.pipeline.count(args),
        },
        window,
        { organizationId },
      ),

    findStage: (organizationId: OrganizationId, id: string) => tx.pipelineStage.findFirst({ where: { organizationId, id } }),

    createStage: (organizationId: OrganizationId, data: Omit<Prisma.PipelineStageUncheckedCreateInput, "organizationId">) =>
      tx.pipelineStage.create({ data: { ...data, organizationId } }),

    updateStage: (organizationId: OrganizationId, id: string, data: Prisma.PipelineStageUncheckedUpdateInput) =>
      tx.pipelineStage.update({ where: { id, organizationId }, data }),

    deleteStage: (organizationId: OrganizationId, id: string) => tx.pipelineStage.delete({ where: { id, organizationId } }),

    /** Writes each stage's position as its index in `orderedIds`. */
    setPositions: async (organizationId: OrganizationId, orderedIds: string[]) => {
      await tx.$executeRaw`
        UPDATE pipeline_stages s SET position = o.position - 1, updated_at = now()
        FROM unnest(${orderedIds}::uuid[]) WITH ORDINALITY AS o(id, position)
        WHERE s.organization_id = ${organizationId}::uuid AND s.id = o.id`;
    },

    /** How many opportunities are in the stage. */
    opportunitiesInStage: (organizationId: OrganizationId, stageId: string) => tx.opportunity.count({ where: { organizationId, stageId } }),

    opportunitiesInPipeline: (organizationId: OrganizationId, pipelineId: string) => tx.opportunity.count({ where: { organizationId, pipelineId } }),
  };
}

export type PipelineWithStages = NonNullable<Awaited<ReturnType<ReturnType<typeof pipelineRepository>["find"]>>>;
