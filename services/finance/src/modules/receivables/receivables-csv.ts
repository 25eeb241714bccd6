/**
 * The aging and the statement as CSV: the JSON's figures, one line per open document or credit
 * (aging) or per movement (statement), with the party's and the report's totals as lines of their
 * own. Written by @erp/csv, which neutralises cells a spreadsheet would run as formulas.
 */
import type { CsvColumn } from "@erp/csv";
import type { AgingBucketsDto, AgingDto, StatementDto } from "./receivables.schemas";

const column = (header: string, key: string): CsvColumn => ({ header, path: [key] });

const bucketColumns: CsvColumn[] = [
  column("Current", "current"),
  column("1-30", "days1To30"),
  column("31-60", "days31To60"),
  column("61-90", "days61To90"),
  column(">90", "over90"),
  column("Unallocated credits", "unallocatedCredits"),
  column("Total", "total"),
];

export const agingCsvColumns: CsvColumn[] = [
  column("Party code", "code"),
  column("Party", "name"),
  column("Kind", "kind"),
  column("Number", "number"),
  column("Date", "date"),
  column("Due date", "dueDate"),
  { header: "Days past due", path: ["daysPastDue"], kind: "integer" },
  column("Document currency", "documentCurrency"),
  column("Open in document currency", "open"),
  ...bucketColumns,
  column("Currency", "currency"),
];

/** Each open item with its base amount in its bucket's column, each party's total line, then the report's totals. */
export function agingCsvRows(report: AgingDto): object[] {
  const { currency } = report;
  const partyRows = report.parties.flatMap((party) => [
    ...party.items.map((item) => ({
      code: party.code,
      name: party.name,
      kind: item.kind,
      number: item.number,
      date: item.date,
      dueDate: item.dueDate,
      // Not yet due is 0 days past due (the JSON's negative days say how far off the due date is).
      daysPastDue: item.daysPastDue === null ? null : Math.max(0, item.daysPastDue),
      documentCurrency: item.currency,
      open: item.open,
      [item.bucket]: item.baseOpen,
      total: item.baseOpen,
      currency,
    })),
    { code: party.code, name: `Total ${party.name}`, ...bucketsOf(party), currency },
  ]);
  const byCurrency = report.totalsByCurrency.map((totals) => ({ name: `Total in ${totals.currency}`, ...bucketsOf(totals), currency: totals.currency }));
  return [...partyRows, { name: "Total", ...bucketsOf(report.totals), currency }, ...byCurrency];
}

function bucketsOf(buckets: AgingBucketsDto): AgingBucketsDto {
  const { current, days1To30, days31To60, days61To90, over90, unallocatedCredits, total } = buckets;
  return { current, days1To30, days31To60, days61To90, over90, unallocatedCredits, total };
}

export const statementCsvColumns: CsvColumn[] = [
  column("Date", "date"),
  column("Type", "type"),
  column("Number", "number"),
  column("Entry", "entryNumber"),
  column("Due date", "dueDate"),
  column("Description", "description"),
  column("Line currency", "lineCurrency"),
  column("Amount in line currency", "currencyAmount"),
  column("Amount", "amount"),
  column("Balance", "balance"),
  column("Currency", "currency"),
];

/** The opening balance, each movement, the closing balance. */
export function statementCsvRows(statement: StatementDto): object[] {
  const { currency } = statement;
  return [
    { date: statement.from, description: "Opening balance", balance: statement.openingBalance, currency },
    ...statement.lines.map((line) => ({ ...line, lineCurrency: line.currency, currency })),
    { date: statement.to, description: "Closing balance", balance: statement.closingBalance, currency },
  ];
}
