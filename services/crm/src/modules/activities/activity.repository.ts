/** Prisma queries for activities; the organization id comes first and is part of every filter. */
import { keysetFindMany, textSearch } from "@erp/db";
import type { ListWindow } from "@erp/lists";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Activity, Prisma } from "../../generated/prisma/client";
import type { ActivityListQuery } from "./activity.schemas";

export function activityRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId, id: string) => tx.activity.findFirst({ where: { organizationId, id } }),

    lock: async (organizationId: OrganizationId, id: string) => {
      await tx.$executeRaw`SELECT 1 FROM activities WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    },

    create: (organizationId: OrganizationId, data: Omit<Prisma.ActivityUncheckedCreateInput, "organizationId">) =>
      tx.activity.create({ data: { ...data, organizationId } }),

    update: (organizationId: OrganizationId, id: string, data: Prisma.ActivityUncheckedUpdateInput) =>
      tx.activity.update({ where: { id, organizationId }, data }),

    delete: (organizationId: OrganizationId, id: string) => tx.activity.delete({ where: { id, organizationId } }),

    findMany: (organizationId: OrganizationId, ids: string[]) => tx.activity.findMany({ where: { organizationId, id: { in: ids } } }),

    /** A keyset page; q searches the subject and the body. */
    list: (organizationId: OrganizationId, filters: Omit<ActivityListQuery, "limit" | "cursor" | "sort" | "count">, window: ListWindow) =>
      keysetFindMany<Prisma.ActivityWhereInput, Prisma.ActivityOrderByWithRelationInput, Activity>(tx.activity, window, {
        AND: [
          { organizationId },
          filters.type ? { type: filters.type } : {},
          filters.assigneeId ? { assigneeId: filters.assigneeId } : {},
          filters.done === undefined ? {} : filters.done === "true" ? { type: "task", doneAt: { not: null } } : { type: "task", doneAt: null },
          filters.dueBefore ? { dueAt: { lt: new Date(filters.dueBefore) } } : {},
          filters.companyId ? { companyId: filters.companyId } : {},
          filters.contactId ? { contactId: filters.contactId } : {},
          filters.leadId ? { leadId: filters.leadId } : {},
          filters.opportunityId ? { opportunityId: filters.opportunityId } : {},
          textSearch<Prisma.ActivityWhereInput>(filters.q, ["subject", "body"]),
        ],
      }),
  };
}
