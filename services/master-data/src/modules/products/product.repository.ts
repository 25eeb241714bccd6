/** Prisma queries for products. */
import { keysetArgs, textSearch } from "@erp/db";
import type { ListWindow } from "@erp/http-kit";
import type { Tx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { ProductFilters } from "./product.schemas";

export function productRepository(tx: Tx) {
  return {
    find: (organizationId: string, id: string) => tx.product.findFirst({ where: { organizationId, id } }),

    takenSkus: async (organizationId: string, skus: string[]) =>
      (await tx.product.findMany({ where: { organizationId, sku: { in: skus } }, select: { sku: true } })).map((p) => p.sku),

    categoryExists: async (organizationId: string, id: string) => (await tx.category.count({ where: { organizationId, id } })) > 0,

    create: (organizationId: string, data: Omit<Prisma.ProductUncheckedCreateInput, "organizationId">) =>
      tx.product.create({ data: { ...data, organizationId } }),

    update: (organizationId: string, id: string, data: Prisma.ProductUncheckedUpdateInput) =>
      tx.product.update({ where: { id, organizationId }, data }),

    delete: (organizationId: string, id: string) => tx.product.delete({ where: { id, organizationId } }),

    list: (organizationId: string, filters: ProductFilters, window: ListWindow) => {
      const { where, orderBy, take } = keysetArgs<Prisma.ProductWhereInput, Prisma.ProductOrderByWithRelationInput>(window);
      return tx.product.findMany({
        where: {
          AND: [
            { organizationId },
            filters.status ? { status: filters.status } : {},
            filters.type ? { type: filters.type } : {},
            filters.categoryId ? { categoryId: filters.categoryId } : {},
            textSearch<Prisma.ProductWhereInput>(filters.q, ["sku", "name", "barcode"]),
            where,
          ],
        },
        orderBy,
        take,
      });
    },
  };
}
