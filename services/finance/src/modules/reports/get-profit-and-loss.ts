/**
 * Profit and loss over a period (and a comparison period), from the maintained balances. Year-end
 * closing entries are left out: they move the year's earnings to retained earnings, they are not
 * income or expenses.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { ledgerUnavailable } from "../ledger/ledger.errors";
import { buildProfitAndLoss } from "./profit-and-loss";
import { reportRepository } from "./report.repository";
import { toProfitAndLossDto, type ProfitAndLossDto, type ProfitAndLossQuery } from "./report.schemas";

/** @throws AppError 503 LEDGER_UNAVAILABLE when the organization's ledger is not set up */
export async function getProfitAndLoss(tx: Tx, scope: Scope, query: Omit<ProfitAndLossQuery, "format">): Promise<ProfitAndLossDto> {
  const { organizationId } = scope;
  const ranges = [{ from: query.from, to: query.to, withoutClosings: true }];
  if (query.compareFrom !== undefined && query.compareTo !== undefined) ranges.push({ from: query.compareFrom, to: query.compareTo, withoutClosings: true });
  const { accounts, movements, settings } = await reportRepository(tx).accountsWithMovements(organizationId, ranges);
  if (!settings) throw ledgerUnavailable("its base currency is not known yet");
  return toProfitAndLossDto(buildProfitAndLoss(accounts, movements), query, settings.baseCurrency);
}
