/** The warehouses module's errors. */
import { conflict, type AppError } from "@erp/errors";

/** 409 CONFLICT: another warehouse of the organization has the code. */
export const warehouseCodeTaken = (code: string | undefined): AppError => conflict(`A warehouse with code ${code} already exists`);

/** 409 CONFLICT: stock movements refer to the warehouse, so it stays. */
export const warehouseHasMovements = (): AppError => conflict("The warehouse has stock movements and cannot be deleted");
