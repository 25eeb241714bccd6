/**
 * Importing a bank statement from CSV (read with @erp/csv, columns named by the caller): every row
 * checked first (a dry run answers what would be stored), then the statement and its lines stored
 * in one transaction under the bank account's row lock, with finance.statement.imported.
 */
import { detectDelimiter, importInvalidRows, readCsv, rowErrorDetail, type CsvColumn, type CsvDelimiter, type RowError } from "@erp/csv";
import { latestToday, notAfterToday } from "@erp/dates";
import { uuidv7 } from "@erp/db";
import { notFound, type ErrorDetail } from "@erp/errors";
import { statementImported } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import { Decimal, formatMoney, minorUnits } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { bankAccountArchived } from "../bank-accounts/bank-account.errors";
import { bankAccountRepository } from "../bank-accounts/bank-account.repository";
import { dayOf } from "../journal/journal.schemas";
import { statementOverlaps, statementUnbalanced } from "./statement.errors";
import { statementRepository } from "./statement.repository";
import { statementAmount, statementCsvRow, type ImportStatementQuery, type StatementDto } from "./statement.schemas";
import { toStatementDto } from "./statement-dto";

const day = (date: Date) => date.toISOString().slice(0, 10);

export interface StatementImportReport {
  dryRun: boolean;
  delimiter: CsvDelimiter;
  rowCount: number;
  errors: ErrorDetail[];
  statement: StatementDto | null;
}

const GROUPED = { dot: /^[+-]?\d{1,3}(,\d{3})+$/, comma: /^[+-]?\d{1,3}(\.\d{3})+$/ };

/**
 * The amount written with a decimal dot: `1.234,56` → `1234.56` when the file writes decimal
 * commas, `1,234.56` → `1234.56` otherwise. A grouping separator (the other one) only stands
 * between groups of three digits left of the decimal separator; anywhere else (`1,00` or `12.5`
 * read the wrong way) the row is refused rather than read as a hundred times its amount (null).
 */
function normaliseAmount(value: string, separator: "dot" | "comma"): string | null {
  const [decimal, grouping] = separator === "comma" ? [",", "."] : [".", ","];
  const trimmed = value.trim();
  const point = trimmed.indexOf(decimal);
  const whole = point < 0 ? trimmed : trimmed.slice(0, point);
  const fraction = point < 0 ? "" : trimmed.slice(point + 1);
  if (fraction.includes(grouping) || (whole.includes(grouping) && !GROUPED[separator].test(whole))) return null;
  return whole.split(grouping).join("") + (point < 0 ? "" : `.${fraction}`);
}

/** Reads the rows; columns the mapping does not name are ignored (banks add their own). */
function readStatement(csv: string, query: ImportStatementQuery) {
  const columns: CsvColumn[] = [
    { header: query.dateColumn, path: ["date"] },
    { header: query.descriptionColumn, path: ["description"] },
    { header: query.amountColumn, path: ["amount"] },
    { header: query.referenceColumn, path: ["reference"] },
  ];
  let result = readCsv(csv, columns, statementCsvRow);
  const unknown = result.errors.filter((error) => error.row === 1 && error.message === "Unknown column").map((error) => error.field);
  if (unknown.length > 0 && unknown.length === result.errors.length) {
    columns.push(...unknown.map((header) => ({ header, path: ["ignored", header] })));
    result = readCsv(csv, columns, statementCsvRow);
  }
  const header = columnsOf(csv);
  const missing = [query.dateColumn, query.descriptionColumn, query.amountColumn].filter((name) => !header.includes(name));
  if (missing.length > 0 && result.rowCount > 0) return { ...result, records: [], errors: missing.map((name) => ({ row: 1, field: name, message: "Missing column" })) };
  return result;
}

/** The header row's names (the delimiter as @erp/csv detects it). */
function columnsOf(csv: string): string[] {
  const first = csv.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = { comma: ",", semicolon: ";", tab: "\t" }[detectDelimiter(csv)];
  return first.split(delimiter).map((cell) => cell.trim().replace(/^"|"$/g, ""));
}

/**
 * @throws AppError 404 NOT_FOUND, 409 INVALID_STATE (archived bank account), STATEMENT_OVERLAPS; 422 IMPORT_INVALID_ROWS
 *   (naming rows.<line>.<column>), STATEMENT_UNBALANCED
 */
export async function importStatement(tx: Tx, scope: Scope, input: { bankAccountId: string; csv: string; query: ImportStatementQuery }): Promise<StatementImportReport> {
  const { organizationId } = scope;
  const { query } = input;
  const dryRun = query.dryRun === "true";
  const bank = await bankAccountRepository(tx)[dryRun ? "find" : "lock"](organizationId, input.bankAccountId);
  if (!bank) throw notFound("Bank account");
  if (bank.archivedAt) throw bankAccountArchived();

  const read = readStatement(input.csv, query);
  const errors: RowError[] = [...read.errors];
  const lines: { row: number; date: string; description: string; amount: Decimal; reference: string | null }[] = [];
  for (const { row, input: line } of read.records) {
    const amount = normaliseAmount(line.amount, query.decimalSeparator);
    const parsed = statementAmount.safeParse(amount);
    // Like every date the books act on now (periods/not-in-future.ts): a bank reports what happened, never what will.
    if (!notAfterToday(line.date)) errors.push({ row, field: query.dateColumn, message: `Later than today (${latestToday()})` });
    if (amount === null) errors.push({ row, field: query.amountColumn, message: `A ${query.decimalSeparator === "comma" ? "dot" : "comma"} only groups thousands (decimalSeparator=${query.decimalSeparator})` });
    else if (!parsed.success) errors.push({ row, field: query.amountColumn, message: parsed.error.issues[0]?.message ?? "Not an amount" });
    else if (new Decimal(parsed.data).decimalPlaces() > minorUnits(bank.currency))
      errors.push({ row, field: query.amountColumn, message: `At most ${minorUnits(bank.currency)} decimals in ${bank.currency}` });
    else lines.push({ row, date: line.date, description: line.description, amount: new Decimal(parsed.data), reference: line.reference ?? null });
  }
  if (read.rowCount === 0 && errors.length === 0) errors.push({ row: 2, field: "", message: "The file has no lines" });
  const details = errors.map(rowErrorDetail);
  if (details.length > 0) {
    if (dryRun) return { dryRun, delimiter: read.delimiter, rowCount: read.rowCount, errors: details, statement: null };
    throw importInvalidRows(details);
  }

  const dates = lines.map((line) => line.date).sort();
  const fromDate = dates[0]!;
  const toDate = dates[dates.length - 1]!;
  const total = lines.reduce((sum, line) => sum.plus(line.amount), new Decimal(0));
  const repository = statementRepository(tx);
  // Under the bank account's row lock (a dry run only reads): two imports of one file cannot both pass.
  const overlap = await repository.overlapping(organizationId, bank.id, dayOf(fromDate), dayOf(toDate));
  if (overlap) throw statementOverlaps(fromDate, toDate, { id: overlap.id, fromDate: day(overlap.fromDate), toDate: day(overlap.toDate) });
  let opening: Decimal;
  if (query.openingBalance !== undefined) opening = new Decimal(query.openingBalance);
  else if (query.closingBalance !== undefined) opening = new Decimal(query.closingBalance).minus(total);
  else {
    // The balance just before the first line: the statement before it (not the last one imported:
    // a February file may come after March's), else the ledger.
    const previous = await repository.statementBefore(organizationId, bank.id, dayOf(fromDate));
    opening = previous ? new Decimal(previous.closingBalance) : await repository.balanceBefore(organizationId, bank.accountId, dayOf(fromDate));
  }
  const closing = opening.plus(total);
  if (query.closingBalance !== undefined && !new Decimal(query.closingBalance).eq(closing)) {
    throw statementUnbalanced(formatMoney(opening, bank.currency), formatMoney(total, bank.currency), formatMoney(new Decimal(query.closingBalance), bank.currency));
  }

  const id = dryRun ? null : uuidv7();
  const rows = lines.map((line, index) => ({
    id: dryRun ? null : uuidv7(),
    lineNumber: index + 1,
    lineDate: dayOf(line.date),
    description: line.description,
    amount: line.amount,
    reference: line.reference,
    journalLineId: null,
    matchedAt: null,
  }));
  const statement = { id, bankAccountId: bank.id, fromDate: dayOf(fromDate), toDate: dayOf(toDate), openingBalance: opening, closingBalance: closing, fileName: query.fileName ?? null, lines: rows };
  if (id) {
    await repository.createStatement(organizationId, { id, bankAccountId: bank.id, fromDate: statement.fromDate, toDate: statement.toDate, openingBalance: opening, closingBalance: closing, fileName: statement.fileName, createdBy: scope.actor.id });
    await repository.createLines(
      organizationId,
      rows.map((row) => ({ id: row.id!, statementId: id, bankAccountId: bank.id, lineNumber: row.lineNumber, lineDate: row.lineDate, description: row.description, amount: row.amount, reference: row.reference })),
    );
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: statementImported,
      organizationId,
      aggregateType: "bank_statement",
      aggregateId: id,
      actor: scope.actor,
      data: {
        bankAccountId: bank.id,
        fromDate,
        toDate,
        openingBalance: formatMoney(opening, bank.currency),
        closingBalance: formatMoney(closing, bank.currency),
        currency: bank.currency,
        lineCount: rows.length,
      },
    });
  }
  return { dryRun, delimiter: read.delimiter, rowCount: read.rowCount, errors: [], statement: toStatementDto(statement, bank.currency) };
}
