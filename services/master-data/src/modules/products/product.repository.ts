/** Prisma queries for products; the organization id comes first and is part of every filter. */
import { keysetFindMany, textSearch } from "@erp/db";
import type { ListWindow } from "@erp/lists";
import type { OrganizationId } from "@erp/scope";
import { normaliseCode } from "../../codes";
import type { Tx } from "../../db";
import type { Prisma, Product } from "../../generated/prisma/client";
import type { ProductFilters } from "./product.schemas";

export function productRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId, id: string) => tx.product.findFirst({ where: { organizationId, id } }),

    /**
     * The products whose SKU equals one of `skus` ignoring case and surrounding whitespace, as the
     * unique index compares them (and served by it).
     */
    findBySkus: async (organizationId: OrganizationId, skus: string[]) => {
      if (skus.length === 0) return [];
      const ids = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM products
        WHERE organization_id = ${organizationId}::uuid AND lower(btrim(sku)) = ANY(${skus.map(normaliseCode)}::text[])`;
      if (ids.length === 0) return [];
      return tx.product.findMany({ where: { organizationId, id: { in: ids.map((row) => row.id) } } });
    },

    /**
     * Locks the product row until the transaction ends (FOR UPDATE): stock movements, which read
     * the product's currency FOR SHARE, wait for this transaction, and it waits for theirs.
     */
    lock: async (organizationId: OrganizationId, id: string) => {
      await tx.$executeRaw`SELECT 1 FROM products WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    },

    /** Which of `ids` have stock: a level with a quantity or value other than 0 in any warehouse. */
    withStock: async (organizationId: OrganizationId, ids: string[]) =>
      new Set(
        (
          await tx.stockLevel.findMany({
            where: { organizationId, productId: { in: ids }, OR: [{ quantity: { not: 0 } }, { value: { not: 0 } }] },
            select: { productId: true },
            distinct: ["productId"],
          })
        ).map((level) => level.productId),
      ),

    categoryExists: async (organizationId: OrganizationId, id: string) => (await tx.category.count({ where: { organizationId, id } })) > 0,

    /** Which of `ids` are categories of the organization. */
    existingCategoryIds: async (organizationId: OrganizationId, ids: string[]) =>
      new Set((await tx.category.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true } })).map((c) => c.id)),

    create: (organizationId: OrganizationId, data: Omit<Prisma.ProductUncheckedCreateInput, "organizationId">) =>
      tx.product.create({ data: { ...data, organizationId } }),

    update: (organizationId: OrganizationId, id: string, data: Prisma.ProductUncheckedUpdateInput) =>
      tx.product.update({ where: { id, organizationId }, data }),

    delete: (organizationId: OrganizationId, id: string) => tx.product.delete({ where: { id, organizationId } }),

    /** A keyset page; with `count=true`, `total` over all pages. */
    list: (organizationId: OrganizationId, filters: ProductFilters, window: ListWindow) =>
      keysetFindMany<Prisma.ProductWhereInput, Prisma.ProductOrderByWithRelationInput, Product>(tx.product, window, {
        AND: [
          { organizationId },
          filters.status ? { status: filters.status } : {},
          filters.type ? { type: filters.type } : {},
          filters.categoryIds ? { categoryId: { in: filters.categoryIds } } : {},
          textSearch<Prisma.ProductWhereInput>(filters.q, ["sku", "name", "barcode"]),
        ],
      }),
  };
}
