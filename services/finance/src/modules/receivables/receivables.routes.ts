/** Receivables and payables reports: the aging as of a date, and a customer's or supplier's statement; JSON or CSV. */
import type { ServiceApp } from "@erp/http-kit";
import { permissions } from "../../permissions";
import { LEDGER_UNAVAILABLE } from "../ledger/ledger.errors";
import { inLedger, type Ledger } from "../ledger/ledger-transaction";
import type { PartyKind } from "../parties/party-read-model";
import { answerReport } from "../reports/report-answer";
import { CSV_ALTERNATIVE } from "../reports/report.schemas";
import { getAging } from "./get-aging";
import { getStatement } from "./get-statement";
import { agingCsvColumns, agingCsvRows, statementCsvColumns, statementCsvRows } from "./receivables-csv";
import { agingDto, agingQuery, statementDto, statementParams, statementQuery, statementRange } from "./receivables.schemas";

const tags = ["Reports"];
const CSV = "JSON by default; CSV with `format=csv` or `Accept: text/csv`.";
const unavailable = { 503: { description: "The organization's ledger could not be set up yet", codes: [LEDGER_UNAVAILABLE] } };

export function registerReceivablesRoutes(route: ServiceApp["route"], ledger: Ledger): void {
  route({
    method: "get",
    path: "/reports/aging",
    summary: "Receivables or payables aging",
    description:
      "Per customer (type=receivable) or supplier (type=payable): the invoices (bills) still open at the end of asOf, by days past their due date " +
      "(current: not yet due; 1-30, 31-60, 61-90, over 90), and the payments and credit notes not yet allocated as negative `unallocatedCredits`. " +
      "The report is rebuilt for asOf from the dates of the entries that posted each document, payment, allocation's exchange difference and void " +
      "(a document counts until its void's date, an allocation until its payment's or its document's void's date), so it holds for past dates too. " +
      "Bucket amounts are in the base currency at each document's (payment's) own rate, so `totals.total` equals the receivable (payable) " +
      "accounts' balance in the trial balance as of the same date, as long as nothing but documents and payments posts to them; " +
      "`totalsByCurrency` repeats the buckets in each document currency. " +
      CSV,
    tags,
    access: { permission: permissions.reportRead },
    request: { query: agingQuery },
    responses: {
      200: { description: "The aging", schema: agingDto, alternatives: CSV_ALTERNATIVE },
      404: { description: "partyId names no customer (supplier) of the organization (NOT_FOUND)" },
      ...unavailable,
    },
    handler: async (ctx) => {
      const { scope, query } = ctx;
      const report = await inLedger(ledger, scope, (tx) => getAging(tx, scope, query));
      return answerReport(ctx, query.format, report, { fileName: `${query.type}-aging-${query.asOf}.csv`, columns: agingCsvColumns, rows: agingCsvRows });
    },
  });

  const statement = (kind: PartyKind, path: string) =>
    route({
      method: "get",
      path,
      summary: kind === "customer" ? "Customer statement" : "Supplier statement",
      description:
        `What the ${kind} owed${kind === "supplier" ? " (what the organization owes it)" : ""} before \`from\`, then every movement of its ` +
        `${kind === "customer" ? "receivable" : "payable"} account lines through \`to\` in ledger order (documents, credit notes, payments, ` +
        "voids, exchange differences at settlement), each with the running balance, and the closing balance: the base currency throughout " +
        "(each line also in its own currency). Read from the ledger's lines that name the party, so the closing balance is the party's total " +
        "in the aging as of `to`. " +
        CSV,
      tags,
      access: { permission: permissions.reportRead },
      request: { params: statementParams, query: statementQuery },
      responses: {
        200: { description: "The statement", schema: statementDto, alternatives: CSV_ALTERNATIVE },
        404: { description: `${kind === "customer" ? "Customer" : "Supplier"} not found: finance does not know it, or it is another organization's (NOT_FOUND)` },
        ...unavailable,
      },
      handler: async (ctx) => {
        const { scope, query, params } = ctx;
        const range = statementRange(query, new Date().toISOString().slice(0, 10));
        const report = await inLedger(ledger, scope, (tx) => getStatement(tx, scope, { kind, id: params.id, ...range }));
        return answerReport(ctx, query.format, report, {
          fileName: `${kind}-statement-${range.from}-${range.to}.csv`,
          columns: statementCsvColumns,
          rows: statementCsvRows,
        });
      },
    });
  statement("customer", "/customers/{id}/statement");
  statement("supplier", "/suppliers/{id}/statement");
}
