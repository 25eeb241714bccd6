/**
 * Profit and loss over a period (and a comparison period), from the maintained balances. Year-end
 * closing entries are left out: they move the year's earnings to retained earnings, they are not
 * income or expenses.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { buildProfitAndLoss } from "./profit-and-loss";
import { reportRepository } from "./report.repository";
import { toProfitAndLossDto, type ProfitAndLossDto, type ProfitAndLossQuery } from "./report.schemas";

/** @throws AppError 503 LEDGER_UNAVAILABLE when the organization's ledger is not set up */
export async function getProfitAndLoss(tx: Tx, scope: Scope, query: Omit<ProfitAndLossQuery, "format">): Promise<ProfitAndLossDto> {
  const { organizationId } = scope;
  const settings = await ledgerSettingsOf(tx, organizationId);
  const ranges = [{ from: query.from, to: query.to, withoutClosings: true }];
  if (query.compareFrom !== undefined && query.compareTo !== undefined) ranges.push({ from: query.compareFrom, to: query.compareTo, withoutClosings: true });
  const { accounts, movements } = await reportRepository(tx).accountsWithMovements(organizationId, ranges);
  return toProfitAndLossDto(buildProfitAndLoss(accounts, movements), query, settings.baseCurrency);
}
