/** Prisma queries for opportunities and their stage history; the organization id comes first. */
import { keysetFindMany, textSearch } from "@erp/db";
import type { ListWindow } from "@erp/lists";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { OpportunityListQuery, OpportunityWithStage } from "./opportunity.schemas";

const withStage = { stage: true } as const;

export function opportunityRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId, id: string) => tx.opportunity.findFirst({ where: { organizationId, id }, include: withStage }),

    /** Locks the opportunity until the transaction ends: moves of one deal queue up. */
    lock: async (organizationId: OrganizationId, id: string) => {
      await tx.$executeRaw`SELECT 1 FROM opportunities WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    },

    create: (organizationId: OrganizationId, data: Omit<Prisma.OpportunityUncheckedCreateInput, "organizationId">) =>
      tx.opportunity.create({ data: { ...data, organizationId }, include: withStage }),

    update: (organizationId: OrganizationId, id: string, data: Prisma.OpportunityUncheckedUpdateInput) =>
      tx.opportunity.update({ where: { id, organizationId }, data, include: withStage }),

    delete: (organizationId: OrganizationId, id: string) => tx.opportunity.delete({ where: { id, organizationId } }),

    inStage: (organizationId: OrganizationId, stageId: string) => tx.opportunity.findMany({ where: { organizationId, stageId }, select: { id: true } }),

    addHistory: (organizationId: OrganizationId, data: Omit<Prisma.OpportunityStageHistoryUncheckedCreateInput, "organizationId">) =>
      tx.opportunityStageHistory.create({ data: { ...data, organizationId } }),

    history: (organizationId: OrganizationId, opportunityId: string) =>
      tx.opportunityStageHistory.findMany({ where: { organizationId, opportunityId }, orderBy: [{ changedAt: "asc" }, { id: "asc" }] }),

    /** A keyset page; q searches the deal's name and its company's name and domain. */
    list: (organizationId: OrganizationId, filters: Omit<OpportunityListQuery, "limit" | "cursor" | "sort" | "count">, window: ListWindow) =>
      keysetFindMany<Prisma.OpportunityWhereInput, Prisma.OpportunityOrderByWithRelationInput, OpportunityWithStage>(
        {
          findMany: (args: Prisma.OpportunityFindManyArgs) => tx.opportunity.findMany({ ...args, include: withStage }) as never,
          count: (args: Prisma.OpportunityCountArgs) => tx.opportunity.count(args),
        },
        window,
        {
          AND: [
            { organizationId },
            filters.status ? { status: filters.status } : {},
            filters.pipelineId ? { pipelineId: filters.pipelineId } : {},
            filters.stageId ? { stageId: filters.stageId } : {},
            filters.ownerId ? { ownerId: filters.ownerId } : {},
            filters.companyId ? { companyId: filters.companyId } : {},
            filters.contactId ? { contactId: filters.contactId } : {},
            filters.tag ? { tags: { has: filters.tag } } : {},
            filters.q
              ? { OR: [textSearch<Prisma.OpportunityWhereInput>(filters.q, ["name"]), { company: textSearch<Prisma.CompanyWhereInput>(filters.q, ["name", "domain"]) }] }
              : {},
          ],
        },
      ),
  };
}
