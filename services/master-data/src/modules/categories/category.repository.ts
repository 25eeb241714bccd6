/** Prisma queries for product categories; the organization id comes first and is part of every filter. */
import { keysetFindMany, textSearch } from "@erp/db";
import type { ListWindow } from "@erp/http-kit";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Category, Prisma } from "../../generated/prisma/client";
import type { CategoryListQuery } from "./category.schemas";

export function categoryRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId, id: string) => tx.category.findFirst({ where: { organizationId, id } }),

    create: (organizationId: OrganizationId, data: Omit<Prisma.CategoryUncheckedCreateInput, "organizationId">) =>
      tx.category.create({ data: { ...data, organizationId } }),

    update: (organizationId: OrganizationId, id: string, data: Prisma.CategoryUncheckedUpdateInput) =>
      tx.category.update({ where: { id, organizationId }, data }),

    delete: (organizationId: OrganizationId, id: string) => tx.category.delete({ where: { id, organizationId } }),

    /** `id` and its ancestors up to the root. */
    ancestry: async (organizationId: OrganizationId, id: string) =>
      (
        await tx.$queryRaw<{ id: string }[]>`
          WITH RECURSIVE up AS (
            SELECT id, parent_id FROM categories WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid
            UNION
            SELECT c.id, c.parent_id FROM categories c JOIN up ON c.id = up.parent_id
            WHERE c.organization_id = ${organizationId}::uuid
          )
          SELECT id::text AS id FROM up`
      ).map((row) => row.id),

    /**
     * Serialises moves within one organization's tree: two concurrent moves that are each
     * acyclic alone (A under B, B under A) could otherwise form a cycle together.
     */
    lockTree: (organizationId: OrganizationId) =>
      tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`master_data.category_tree:${organizationId}`}, 0))`,

    /** A keyset page; with `count=true`, `total` over all pages. */
    list: (organizationId: OrganizationId, filters: Pick<CategoryListQuery, "q" | "parentId">, window: ListWindow) =>
      keysetFindMany<Prisma.CategoryWhereInput, Prisma.CategoryOrderByWithRelationInput, Category>(tx.category, window, {
        AND: [
          { organizationId },
          filters.parentId ? { parentId: filters.parentId } : {},
          textSearch<Prisma.CategoryWhereInput>(filters.q, ["name"]),
        ],
      }),
  };
}
