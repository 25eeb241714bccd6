/**
 * Profit and loss over a period (and a comparison period), from the maintained balances. Year-end
 * closing entries are left out: they move the year's earnings to retained earnings, they are not
 * income or expenses.
 */
import type { OrganizationId, Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { subtractMovements } from "./ledger-amounts";
import { buildProfitAndLoss } from "./profit-and-loss";
import { reportRepository } from "./report.repository";
import { toProfitAndLossDto, type ProfitAndLossDto, type ProfitAndLossQuery } from "./report.schemas";

/** @throws AppError 503 LEDGER_UNAVAILABLE when the organization's ledger is not set up */
export async function getProfitAndLoss(tx: Tx, scope: Scope, query: Omit<ProfitAndLossQuery, "format">): Promise<ProfitAndLossDto> {
  const { organizationId } = scope;
  const settings = await ledgerSettingsOf(tx, organizationId);
  const reports = reportRepository(tx);
  const accounts = await reports.accounts(organizationId);
  const periods = [await earnings(tx, organizationId, query.from, query.to)];
  if (query.compareFrom !== undefined && query.compareTo !== undefined) periods.push(await earnings(tx, organizationId, query.compareFrom, query.compareTo));
  return toProfitAndLossDto(buildProfitAndLoss(accounts, periods), query, settings.baseCurrency);
}

async function earnings(tx: Tx, organizationId: OrganizationId, from: string, to: string) {
  const reports = reportRepository(tx);
  return subtractMovements(await reports.movements(organizationId, from, to), await reports.closingMovements(organizationId, from, to));
}
