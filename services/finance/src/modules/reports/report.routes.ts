/** Financial reports: trial balance, general ledger, profit and loss, balance sheet; JSON or CSV. */
import { sendCsv } from "@erp/csv";
import { pagedReportSchema, type ServiceApp } from "@erp/http-kit";
import { permissions } from "../../permissions";
import { LEDGER_UNAVAILABLE } from "../ledger/ledger.errors";
import { inLedger, type Ledger } from "../ledger/ledger-transaction";
import { getBalanceSheet } from "./get-balance-sheet";
import { getGeneralLedger } from "./get-general-ledger";
import { getProfitAndLoss } from "./get-profit-and-loss";
import { getTrialBalance } from "./get-trial-balance";
import { answerReport, wantsCsv } from "./report-answer";
import {
  balanceSheetCsvColumns,
  balanceSheetCsvRows,
  generalLedgerCsvBatches,
  generalLedgerCsvColumns,
  profitAndLossCsvColumns,
  profitAndLossCsvRows,
  trialBalanceCsvColumns,
  trialBalanceCsvRows,
} from "./report-csv";
import {
  balanceSheetDto,
  balanceSheetQuery,
  CSV_ALTERNATIVE,
  generalLedgerDto,
  generalLedgerQuery,
  profitAndLossDto,
  profitAndLossQuery,
  trialBalanceDto,
  trialBalanceQuery,
} from "./report.schemas";

const tags = ["Reports"];
const CSV = "JSON by default; CSV with `format=csv` or `Accept: text/csv`. Every amount is in the base currency, with `currency` beside it.";

const unavailable = { 503: { description: "The organization's ledger could not be set up yet", codes: [LEDGER_UNAVAILABLE] } };

export function registerReportRoutes(route: ServiceApp["route"], ledger: Ledger): void {
  route({
    method: "get",
    path: "/reports/trial-balance",
    summary: "Trial balance",
    description:
      "Per account: the balance before the fiscal year holding asOf (opening, debit − credit), the year's debits and credits through asOf, " +
      "and the closing balance. totals.debit = totals.credit. " +
      CSV,
    tags,
    access: { permission: permissions.reportRead },
    request: { query: trialBalanceQuery },
    responses: { 200: { description: "The trial balance", schema: trialBalanceDto, alternatives: CSV_ALTERNATIVE }, ...unavailable },
    handler: async (ctx) => {
      const { scope, query } = ctx;
      const report = await inLedger(ledger, scope, (tx) => getTrialBalance(tx, scope, query));
      return answerReport(ctx, query.format, report, { fileName: `trial-balance-${query.asOf}.csv`, columns: trialBalanceCsvColumns, rows: trialBalanceCsvRows });
    },
  });

  route({
    method: "get",
    path: "/reports/general-ledger",
    summary: "General ledger of one account",
    description:
      "The account's opening balance before `from`, then its posted lines through `to` in date and posting order, each with the running " +
      "balance (debit − credit), paged: `data` holds the report and this page's lines, `page` (beside `data`) the cursor of the next page. " +
      "The CSV holds every line of the range after an opening-balance line. " +
      CSV,
    tags,
    access: { permission: permissions.reportRead },
    request: { query: generalLedgerQuery },
    responses: {
      200: { description: "The account's ledger with one page of its lines; the cursor in `page`, beside `data`", schema: pagedReportSchema(generalLedgerDto), alternatives: CSV_ALTERNATIVE },
      404: { description: "No such account, or another organization's (NOT_FOUND)" },
      ...unavailable,
    },
    handler: async (ctx) => {
      const { scope, query, req, res } = ctx;
      if (wantsCsv(req, query.format)) {
        await ledger.setup.ensure(scope);
        const { accountId, from, to } = query;
        await sendCsv(res, `general-ledger-${from}-${to}.csv`, generalLedgerCsvColumns, generalLedgerCsvBatches(ledger.db, scope, { accountId, from, to }));
        return undefined;
      }
      res.json(await inLedger(ledger, scope, (tx) => getGeneralLedger(tx, scope, query)));
      return undefined;
    },
  });

  route({
    method: "get",
    path: "/reports/profit-and-loss",
    summary: "Profit and loss",
    description:
      "Income and expenses from `from` through `to`, grouped by the chart's tree, with `netIncome`; with compareFrom and compareTo, the " +
      "comparison period's amounts beside them. Year-end closing entries are left out. " +
      CSV,
    tags,
    access: { permission: permissions.reportRead },
    request: { query: profitAndLossQuery },
    responses: { 200: { description: "The statement", schema: profitAndLossDto, alternatives: CSV_ALTERNATIVE }, ...unavailable },
    handler: async (ctx) => {
      const { scope, query } = ctx;
      const report = await inLedger(ledger, scope, (tx) => getProfitAndLoss(tx, scope, query));
      return answerReport(ctx, query.format, report, {
        fileName: `profit-and-loss-${query.from}-${query.to}.csv`,
        columns: profitAndLossCsvColumns,
        rows: profitAndLossCsvRows,
      });
    },
  });

  route({
    method: "get",
    path: "/reports/balance-sheet",
    summary: "Balance sheet",
    description:
      "Assets, liabilities and equity at the end of asOf, grouped by the chart's tree; equity includes the earnings not yet closed into " +
      "retained earnings, so totals.assets = totals.liabilitiesAndEquity. " +
      CSV,
    tags,
    access: { permission: permissions.reportRead },
    request: { query: balanceSheetQuery },
    responses: { 200: { description: "The balance sheet", schema: balanceSheetDto, alternatives: CSV_ALTERNATIVE }, ...unavailable },
    handler: async (ctx) => {
      const { scope, query } = ctx;
      const report = await inLedger(ledger, scope, (tx) => getBalanceSheet(tx, scope, query));
      return answerReport(ctx, query.format, report, { fileName: `balance-sheet-${query.asOf}.csv`, columns: balanceSheetCsvColumns, rows: balanceSheetCsvRows });
    },
  });
}
