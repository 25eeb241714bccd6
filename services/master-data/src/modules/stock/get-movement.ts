/** One movement of the stock ledger. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { stockRepository } from "./stock.repository";
import { toMovementDto, type MovementDto } from "./stock.schemas";

/** @throws AppError 404 NOT_FOUND when there is no such movement in the organization */
export async function getMovement(tx: Tx, scope: Scope, id: string): Promise<MovementDto> {
  const row = await stockRepository(tx).findMovement(scope.organizationId, id);
  if (!row) throw notFound("Stock movement");
  return toMovementDto(row, row.product.currency);
}
