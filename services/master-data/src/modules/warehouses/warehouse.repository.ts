/** Prisma queries for warehouses; the organization id comes first and is part of every filter. */
import { keysetFindMany, textSearch } from "@erp/db";
import type { ListWindow } from "@erp/lists";
import type { OrganizationId } from "@erp/scope";
import { normaliseCode } from "../../codes";
import type { Tx } from "../../db";
import type { Prisma, Warehouse } from "../../generated/prisma/client";

export function warehouseRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId, id: string) => tx.warehouse.findFirst({ where: { organizationId, id } }),

    /**
     * The warehouses whose code equals one of `codes` ignoring case and surrounding whitespace, as
     * the unique index compares them (and served by it).
     */
    findByCodes: async (organizationId: OrganizationId, codes: string[]) => {
      if (codes.length === 0) return [];
      const ids = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM warehouses
        WHERE organization_id = ${organizationId}::uuid AND lower(btrim(code)) = ANY(${codes.map(normaliseCode)}::text[])`;
      if (ids.length === 0) return [];
      return tx.warehouse.findMany({ where: { organizationId, id: { in: ids.map((row) => row.id) } } });
    },

    create: (organizationId: OrganizationId, data: Omit<Prisma.WarehouseUncheckedCreateInput, "organizationId">) =>
      tx.warehouse.create({ data: { ...data, organizationId } }),

    update: (organizationId: OrganizationId, id: string, data: Prisma.WarehouseUncheckedUpdateInput) =>
      tx.warehouse.update({ where: { id, organizationId }, data }),

    delete: (organizationId: OrganizationId, id: string) => tx.warehouse.delete({ where: { id, organizationId } }),

    /** A keyset page; with `count=true`, `total` over all pages. */
    list: (organizationId: OrganizationId, q: string | undefined, window: ListWindow) =>
      keysetFindMany<Prisma.WarehouseWhereInput, Prisma.WarehouseOrderByWithRelationInput, Warehouse>(tx.warehouse, window, {
        AND: [{ organizationId }, textSearch<Prisma.WarehouseWhereInput>(q, ["code", "name"])],
      }),
  };
}
