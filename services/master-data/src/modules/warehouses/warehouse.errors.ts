/** The warehouses module's errors. */
import { conflict, type AppError } from "@erp/errors";
import { codeTaken } from "../../codes";

/**
 * 409 CONFLICT: another warehouse of the organization has the code, ignoring case and surrounding
 * whitespace; `details[0].existing` is its `{ id, code }`.
 */
export const warehouseCodeTaken = (holder: { id: string; code: string }): AppError => codeTaken("Warehouse", holder);

/** 409 CONFLICT: stock movements refer to the warehouse, so it stays. */
export const warehouseHasMovements = (): AppError => conflict("The warehouse has stock movements and cannot be deleted");
