/** The stock valuation: what is on hand is worth, per currency. */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { formatDecimal, minorUnits } from "@erp/money";
import { stockRepository } from "./stock.repository";
import type { ValuationDto, ValuationQuery } from "./stock.schemas";

/**
 * Σ of the levels' running values per currency, optionally for one warehouse or product: exactly
 * what came in less what went out, so it equals the sum of the movements' values.
 */
export async function valueStock(tx: Tx, scope: Scope, filters: ValuationQuery): Promise<ValuationDto> {
  const totals = await stockRepository(tx).valuation(scope.organizationId, filters);
  return { totals: totals.map(({ currency, value }) => ({ currency, value: formatDecimal(value, minorUnits(currency)) })) };
}
