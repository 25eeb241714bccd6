/** Request and response schemas of warehouses. */
import { listQuery, postalAddressSchema, readPostalAddress, z } from "@erp/http-kit";
import type { Warehouse } from "../../generated/prisma/client";
import { recordCode } from "../parties/party.schemas";

const fields = {
  code: recordCode,
  name: z.string().trim().min(1).max(200),
  address: postalAddressSchema.nullable().optional(),
};

export const createWarehouseBody = z
  .object(fields)
  .strict()
  .openapi({ example: { code: "MAIN", name: "Main warehouse", address: { line1: "Dock 1", city: "Hamburg", postalCode: "20457", country: "DE" } } });
export const updateWarehouseBody = z
  .object(fields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "Give at least one field to change")
  .openapi({ example: { name: "Main warehouse (north)" } });

export type CreateWarehouseInput = z.infer<typeof createWarehouseBody>;
export type UpdateWarehouseInput = z.infer<typeof updateWarehouseBody>;

export const warehouseDto = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  address: postalAddressSchema.nullable(),
  isDefault: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type WarehouseDto = z.infer<typeof warehouseDto>;

export const warehouseListQuery = listQuery({ sortable: ["code", "name", "createdAt"], defaultSort: "code", filters: {} });
export type WarehouseListQuery = z.infer<typeof warehouseListQuery>;

export const warehouseIdParams = z.object({ id: z.uuid() });

export function toWarehouseDto(warehouse: Warehouse, defaultWarehouseId: string | null): WarehouseDto {
  return {
    id: warehouse.id,
    code: warehouse.code,
    name: warehouse.name,
    address: readPostalAddress(warehouse.address),
    isDefault: warehouse.id === defaultWarehouseId,
    createdAt: warehouse.createdAt.toISOString(),
    updatedAt: warehouse.updatedAt.toISOString(),
  };
}

/** What the warehouse events carry: the record as the API shows it, without server bookkeeping. */
export function warehouseSnapshot(dto: WarehouseDto) {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...snapshot } = dto;
  return snapshot;
}

/** The fields a change may touch, in the order of the API shape. */
export const updatableWarehouseFields = ["code", "name", "address"] as const;
