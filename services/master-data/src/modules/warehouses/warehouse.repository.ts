/** Prisma queries for warehouses. */
import { keysetArgs, textSearch } from "@erp/db";
import type { ListWindow } from "@erp/http-kit";
import type { Tx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";

export function warehouseRepository(tx: Tx) {
  return {
    find: (organizationId: string, id: string) => tx.warehouse.findFirst({ where: { organizationId, id } }),

    create: (organizationId: string, data: Omit<Prisma.WarehouseUncheckedCreateInput, "organizationId">) =>
      tx.warehouse.create({ data: { ...data, organizationId } }),

    update: (organizationId: string, id: string, data: Prisma.WarehouseUncheckedUpdateInput) =>
      tx.warehouse.update({ where: { id, organizationId }, data }),

    delete: (organizationId: string, id: string) => tx.warehouse.delete({ where: { id, organizationId } }),

    list: (organizationId: string, q: string | undefined, window: ListWindow) => {
      const { where, orderBy, take } = keysetArgs<Prisma.WarehouseWhereInput, Prisma.WarehouseOrderByWithRelationInput>(window);
      return tx.warehouse.findMany({
        where: { AND: [{ organizationId }, textSearch<Prisma.WarehouseWhereInput>(q, ["code", "name"]), where] },
        orderBy,
        take,
      });
    },
  };
}
