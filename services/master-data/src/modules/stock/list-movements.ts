/** The stock ledger, filtered and paged. */
import { keysetPage, listWindow, type Page } from "@erp/lists";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { stockRepository } from "./stock.repository";
import { toMovementDto, type MovementDto, type MovementListQuery } from "./stock.schemas";

export async function listMovements(tx: Tx, scope: Scope, query: MovementListQuery): Promise<Page<MovementDto>> {
  const window = listWindow(query);
  const rows = await stockRepository(tx).listMovements(scope.organizationId, query, window);
  return keysetPage(rows, window, (row) => toMovementDto(row, row.product.currency));
}
