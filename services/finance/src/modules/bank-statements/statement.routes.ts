/** Bank statements (`/bank-accounts/{id}/statements`) and their reconciliation with the ledger (`/bank-accounts/{id}/reconciliation`). */
import { IMPORT_INVALID_ROWS } from "@erp/csv";
import { created, z, type ServiceApp } from "@erp/http-kit";
import { permissions } from "../../permissions";
import { cashTransactionDto } from "../expenses/cash-transaction.schemas";
import { LEDGER_UNAVAILABLE } from "../ledger/ledger.errors";
import { inLedger, type Ledger } from "../ledger/ledger-transaction";
import { getStatement, listStatements } from "./get-statement";
import { importStatement } from "./import-statement";
import { recordLineTransaction } from "./line-transaction";
import { confirmMatches, proposeMatches } from "./reconcile";
import { ALREADY_MATCHED, LINE_SIGN_MISMATCH, MATCH_AMOUNT_MISMATCH, STATEMENT_OVERLAPS, STATEMENT_UNBALANCED, UNKNOWN_JOURNAL_LINE, UNKNOWN_STATEMENT_LINE } from "./statement.errors";
import {
  bankAccountParams,
  confirmMatchesBody,
  importReportDto,
  importStatementQuery,
  lineTransactionBody,
  matchesDto,
  reconciliationDto,
  reconciliationQuery,
  statementCsv,
  statementDto,
  statementLineParams,
  statementParams,
} from "./statement.schemas";

const tags = ["Bank statements"];
const notFound = { 404: { description: "No such bank account (statement, line), or another organization's (NOT_FOUND)" } };
const unavailable = { 503: { description: "The organization's ledger could not be set up yet", codes: [LEDGER_UNAVAILABLE] } };
const MATCHING =
  "A statement line matches a posted line of the bank account's ledger account (a payment, expense, revenue, transfer, opening or manual entry) " +
  "of the same amount and sign (money in: a debit); entries reversed and reversals are left out. A statement line and a ledger line are each reconciled once.";

export function registerStatementRoutes(route: ServiceApp["route"], ledger: Ledger): void {
  route({
    method: "post",
    path: "/bank-accounts/{id}/statements",
    summary: "Import a bank statement from CSV",
    description:
      "The body is a CSV (Content-Type text/csv, or the `file` field of a multipart upload) with a header row; the columns are named in the query " +
      "(dateColumn, descriptionColumn, amountColumn, referenceColumn; defaults date, description, amount, reference), other columns are ignored. Dates " +
      "YYYY-MM-DD; amounts signed in the bank account's currency (money in positive; decimalSeparator=comma for `1.234,56`). The opening balance is " +
      "the one given, else the closing balance given less the lines, else the closing balance of the statement ending last before the first line (whenever imported), else the ledger's balance before the " +
      "first line; the closing balance is the opening plus the lines (422 STATEMENT_UNBALANCED when one given disagrees). dryRun=true answers 200 with " +
      "the statement that would be stored and the row errors; otherwise a file with any invalid row stores nothing (422 IMPORT_INVALID_ROWS, details " +
      "rows.<line>.<column>) and a valid one is stored in one transaction (finance.statement.imported). A statement sharing a day with another of the " +
      "bank account is refused (409 STATEMENT_OVERLAPS, for a dry run too; the database refuses it as well), so a file sent twice is not stored twice; with an Idempotency-Key a retry replays the first answer.",
    tags,
    access: { permission: permissions.bankReconcile },
    idempotent: true,
    request: { params: bankAccountParams, query: importStatementQuery, body: statementCsv, contentType: "text/csv" },
    responses: {
      200: { description: "Dry run: what would be stored, or the row errors", schema: importReportDto },
      201: { description: "The stored statement", schema: importReportDto },
      ...notFound,
      409: { description: "The bank account is archived (INVALID_STATE), or the statement overlaps another (STATEMENT_OVERLAPS)", codes: ["INVALID_STATE", STATEMENT_OVERLAPS] },
      422: { description: "Invalid rows, or balances that disagree", codes: [IMPORT_INVALID_ROWS, STATEMENT_UNBALANCED] },
      ...unavailable,
    },
    handler: async (ctx) => {
      const { scope, params, query, body } = ctx;
      const location = (statementId: string) => ctx.location(`/bank-accounts/${params.id}/statements/${statementId}`);
      const report = await inLedger(ledger, scope, async (tx) => {
        const imported = await importStatement(tx, scope, { bankAccountId: params.id, csv: body, query });
        if (imported.dryRun || !imported.statement?.id) await ctx.idempotency.ok(tx, imported);
        else await ctx.idempotency.created(tx, imported, location(imported.statement.id));
        return imported;
      });
      if (report.dryRun || !report.statement?.id) return report;
      created(ctx, report, location(report.statement.id));
      return undefined;
    },
  });

  route({
    method: "get",
    path: "/bank-accounts/{id}/statements",
    summary: "A bank account's statements with their lines",
    tags,
    access: { permission: permissions.bankAccountRead },
    request: { params: bankAccountParams },
    responses: { 200: { description: "Newest first", schema: z.array(statementDto) }, ...notFound, ...unavailable },
    handler: ({ scope, params }) => inLedger(ledger, scope, (tx) => listStatements(tx, scope, params)),
  });

  route({
    method: "get",
    path: "/bank-accounts/{id}/statements/{statementId}",
    summary: "A statement with its lines and its reconciled balance",
    tags,
    access: { permission: permissions.bankAccountRead },
    request: { params: statementParams },
    responses: { 200: { description: "The statement", schema: statementDto }, ...notFound, ...unavailable },
    handler: ({ scope, params }) => inLedger(ledger, scope, (tx) => getStatement(tx, scope, params)),
  });

  route({
    method: "get",
    path: "/bank-accounts/{id}/reconciliation",
    summary: "Proposed matches for the unreconciled statement lines",
    description: `Every unreconciled statement line with its candidates dated within ±days (default 3) of it, closest first. ${MATCHING}`,
    tags,
    access: { permission: permissions.bankReconcile },
    request: { params: bankAccountParams, query: reconciliationQuery },
    responses: { 200: { description: "The proposals", schema: reconciliationDto }, ...notFound, ...unavailable },
    handler: ({ scope, params, query }) => inLedger(ledger, scope, (tx) => proposeMatches(tx, scope, { id: params.id, days: query.days })),
  });

  route({
    method: "post",
    path: "/bank-accounts/{id}/reconciliation",
    summary: "Confirm matches of statement lines with ledger lines",
    description: `All or nothing; finance.reconciliation.matched. ${MATCHING}`,
    tags,
    access: { permission: permissions.bankReconcile },
    request: { params: bankAccountParams, body: confirmMatchesBody },
    responses: {
      200: { description: "The matches made", schema: matchesDto },
      ...notFound,
      409: { description: "A line is already reconciled (ALREADY_MATCHED), or the bank account is archived (INVALID_STATE)", codes: [ALREADY_MATCHED, "INVALID_STATE"] },
      422: { description: "`error.details` names matches.<n>.<field>", codes: [UNKNOWN_STATEMENT_LINE, UNKNOWN_JOURNAL_LINE, MATCH_AMOUNT_MISMATCH] },
      ...unavailable,
    },
    handler: ({ scope, params, body }) => inLedger(ledger, scope, (tx) => confirmMatches(tx, scope, { id: params.id, ...body })),
  });

  for (const kind of ["expense", "revenue"] as const) {
    route({
      method: "post",
      path: `/bank-accounts/{id}/statement-lines/{lineId}/${kind}`,
      summary: kind === "expense" ? "Record an unreconciled money-out line as an expense" : "Record an unreconciled money-in line as other revenue",
      description:
        `Records the ${kind} (as POST /${kind === "expense" ? "expenses" : "revenue"} would) on the line's date, for its amount, in the bank account's ` +
        "currency, through its ledger account (reference: the line's unless given; counterparty: its description unless given), and reconciles the line " +
        "with the entry's bank line, in one transaction.",
      tags,
      access: { permission: permissions.bankReconcile },
      request: { params: statementLineParams, body: lineTransactionBody },
      responses: {
        201: { description: "The recorded transaction and the match", schema: z.object({ transaction: cashTransactionDto, match: matchesDto.shape.matches.element }) },
        ...notFound,
        409: { description: "The line is already reconciled (ALREADY_MATCHED), or the bank account is archived (INVALID_STATE)", codes: [ALREADY_MATCHED, "INVALID_STATE"] },
        422: { description: "The line's sign does not fit, or the expense (revenue) breaks a rule; `error.details` names the field", codes: [LINE_SIGN_MISMATCH] },
        ...unavailable,
      },
      handler: async (ctx) => {
        const { scope, params, body } = ctx;
        const result = await inLedger(ledger, scope, (tx) => recordLineTransaction(tx, scope, { ...params, ...body, kind }));
        created(ctx, result, ctx.location(`/${kind === "expense" ? "expenses" : "revenue"}/${result.transaction.id}`));
      },
    });
  }
}
