/** Changes a warehouse's code, name or address. */
import { isUniqueViolation } from "@erp/db";
import { conflict, notFound } from "@erp/http-kit";
import type { MasterDataDb } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { settingsRepository } from "../settings/settings.repository";
import { warehouseRepository } from "./warehouse.repository";
import { toWarehouseDto, type UpdateWarehouseInput, type WarehouseDto } from "./warehouse.schemas";

export async function updateWarehouse(
  db: MasterDataDb,
  organizationId: string,
  id: string,
  input: UpdateWarehouseInput,
): Promise<WarehouseDto> {
  try {
    return await db.withOrganization(organizationId, async (tx) => {
      const repository = warehouseRepository(tx);
      if (!(await repository.find(organizationId, id))) throw notFound("Warehouse");
      const row = await repository.update(organizationId, id, {
        ...input,
        address: input.address === null ? Prisma.DbNull : input.address,
      });
      return toWarehouseDto(row, (await settingsRepository(tx).read(organizationId)).defaultWarehouseId);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`A warehouse with code ${input.code} already exists`);
    throw err;
  }
}
