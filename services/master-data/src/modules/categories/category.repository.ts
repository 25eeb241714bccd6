/** Prisma queries for product categories; the organization id comes first and is part of every filter. */
import { keysetFindMany, textSearch } from "@erp/db";
import type { ListWindow } from "@erp/lists";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Category, Prisma } from "../../generated/prisma/client";
import type { CategoryListQuery } from "./category.schemas";

/** Between the names of a category path. */
export const PATH_SEPARATOR = " / ";

export interface CategoryPlacement {
  /** Names from the root down to the category: `Hardware / Fasteners / Screws`. */
  path: string;
  /** 0 for a top-level category. */
  depth: number;
}

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
     * Where each of `ids` sits in the tree: its path of names from the root (`Hardware / Fasteners /
     * Screws`) and its depth (0 for a top-level category). Ids not of the organization are absent.
     */
    placement: async (organizationId: OrganizationId, ids: string[]): Promise<Map<string, CategoryPlacement>> => {
      if (ids.length === 0) return new Map();
      const rows = await tx.$queryRaw<{ id: string; path: string; depth: number }[]>`
        WITH RECURSIVE up AS (
          SELECT id AS start, parent_id, name, 0 AS level FROM categories
          WHERE organization_id = ${organizationId}::uuid AND id = ANY(${ids}::uuid[])
          UNION ALL
          SELECT up.start, c.parent_id, c.name, up.level + 1 FROM categories c JOIN up ON c.id = up.parent_id
          WHERE c.organization_id = ${organizationId}::uuid
        )
        SELECT start::text AS id, string_agg(name, ${PATH_SEPARATOR} ORDER BY level DESC) AS path, max(level)::int AS depth
        FROM up GROUP BY start`;
      return new Map(rows.map((row) => [row.id, { path: row.path, depth: row.depth }]));
    },

    /** `id` and all its descendants (empty when `id` is not the organization's). */
    subtree: async (organizationId: OrganizationId, id: string): Promise<string[]> =>
      (
        await tx.$queryRaw<{ id: string }[]>`
          WITH RECURSIVE down AS (
            SELECT id FROM categories WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid
            UNION
            SELECT c.id FROM categories c JOIN down ON c.parent_id = down.id
            WHERE c.organization_id = ${organizationId}::uuid
          )
          SELECT id::text AS id FROM down`
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
