/** Creates a warehouse; an organization's first warehouse becomes its default. */
import { isUniqueViolation, uuidv7 } from "@erp/db";
import { conflict } from "@erp/http-kit";
import type { MasterDataDb } from "../../db";
import { settingsRepository } from "../settings/settings.repository";
import { warehouseRepository } from "./warehouse.repository";
import { toWarehouseDto, type CreateWarehouseInput, type WarehouseDto } from "./warehouse.schemas";

export async function createWarehouse(db: MasterDataDb, organizationId: string, input: CreateWarehouseInput): Promise<WarehouseDto> {
  try {
    return await db.withOrganization(organizationId, async (tx) => {
      const row = await warehouseRepository(tx).create(organizationId, { ...input, address: input.address ?? undefined, id: uuidv7() });
      const settings = settingsRepository(tx);
      let { defaultWarehouseId } = await settings.read(organizationId);
      if (!defaultWarehouseId) ({ defaultWarehouseId } = await settings.write(organizationId, { defaultWarehouseId: row.id }));
      return toWarehouseDto(row, defaultWarehouseId);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`A warehouse with code ${input.code} already exists`);
    throw err;
  }
}
