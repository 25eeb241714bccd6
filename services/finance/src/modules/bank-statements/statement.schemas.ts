/** Request and response schemas of bank statements and their reconciliation. */
import { dateString } from "@erp/dates";
import { z } from "@erp/http-kit";
import { decimalString } from "@erp/money";

const signedMoney = decimalString(4, "nonZero", "-120.00", 20);
const balance = z.string().regex(/^-?\d{1,16}(\.\d{1,4})?$/, "A decimal such as 1500.00 or -20.50");
const column = (fallback: string) => z.string().trim().min(1).max(100).default(fallback);

/** The import's query: dry run, the file's column names, the amounts' decimal separator, the balances. */
export const importStatementQuery = z
  .object({
    dryRun: z.enum(["true", "false"]).default("false").describe("true: read and check the file, answer what would be stored, store nothing"),
    dateColumn: column("date").describe("The header of the dates' column (YYYY-MM-DD, not later than today); default `date`"),
    descriptionColumn: column("description").describe("default `description`"),
    amountColumn: column("amount").describe("Signed amounts in the bank account's currency, money in positive; default `amount`"),
    referenceColumn: column("reference").describe("Optional in the file; default `reference`"),
    decimalSeparator: z.enum(["dot", "comma"]).default("dot").describe("dot: `1,234.56`; comma: `1.234,56`. The other separator only groups thousands (groups of three digits left of the decimal separator); elsewhere (`1,00` read with dots) the row is an error"),
    openingBalance: balance.optional().describe("The balance before the first line; default the closing balance of the statement ending last before the first line (whenever imported), else the ledger's balance before the first line's date"),
    closingBalance: balance.optional().describe("The balance after the last line; checked against opening + the lines when both are known"),
    fileName: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type ImportStatementQuery = z.infer<typeof importStatementQuery>;

/** The request body: a CSV with a header row (as text/csv, or the `file` of a multipart upload, which takes this example too). */
export const statementCsv = z
  .string()
  .min(1)
  .openapi({
    example: [
      "date,description,amount,reference",
      "2026-03-03,Transfer to savings,-200.00,TRF-2026-0001",
      "2026-03-05,Office Supplies Ltd,-50.00,Receipt 88412",
      "2026-03-08,Interest,80.00,",
      "2026-03-10,Bank fee,-3.50,FEE-3",
    ].join("\n"),
  });

/** A CSV row (other columns dropped); the amount is checked once its decimal separator is known. */
export const statementCsvRow = z.object({
  date: dateString,
  description: z.string().trim().min(1).max(500),
  amount: z.string(),
  reference: z.string().trim().min(1).max(200).optional(),
});

/** Signed (money in positive), never 0. */
export const statementAmount = signedMoney;

export const bankAccountParams = z.object({ id: z.uuid() });
export const statementParams = z.object({ id: z.uuid(), statementId: z.uuid() });
export const statementLineParams = z.object({ id: z.uuid(), lineId: z.uuid() });

const statementLineDto = z.object({
  id: z.uuid(),
  lineNumber: z.number().int(),
  date: z.string(),
  description: z.string(),
  amount: z.string(),
  reference: z.string().nullable(),
  journalLineId: z.uuid().nullable().describe("The ledger line it is reconciled with"),
  matchedAt: z.string().nullable(),
});
export type StatementLineDto = z.infer<typeof statementLineDto>;

export const statementDto = z
  .object({
    id: z.uuid().nullable().describe("Null in a dry run"),
    bankAccountId: z.uuid(),
    currency: z.string(),
    fromDate: z.string(),
    toDate: z.string(),
    openingBalance: z.string(),
    closingBalance: z.string(),
    reconciledBalance: z.string().describe("The opening balance plus the reconciled lines: the closing balance once every line is reconciled"),
    fileName: z.string().nullable(),
    lines: z.array(statementLineDto.extend({ id: z.uuid().nullable() })),
  })
  .openapi("BankStatement");
export type StatementDto = z.infer<typeof statementDto>;

export const importReportDto = z.object({
  dryRun: z.boolean(),
  delimiter: z.enum(["comma", "semicolon", "tab"]),
  rowCount: z.number().int(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).describe("rows.<line>.<column>; empty when every row is valid"),
  statement: statementDto.nullable().describe("What is (dry run: would be) stored; null when the file has errors"),
});

export const reconciliationQuery = z
  .object({ days: z.coerce.number().int().min(0).max(60).default(3).describe("How many days a ledger line's date may be from the statement line's (default 3)") })
  .strict();

const candidateDto = z.object({
  journalLineId: z.uuid(),
  journalEntryId: z.uuid(),
  entryNumber: z.string().nullable(),
  date: z.string(),
  amount: z.string().describe("Signed like the statement: debit (money in) positive"),
  memo: z.string().nullable(),
  reference: z.string().nullable(),
  source: z.object({ type: z.string(), id: z.string() }).nullable(),
});
export type CandidateDto = z.infer<typeof candidateDto>;

export const reconciliationDto = z.object({
  bankAccountId: z.uuid(),
  days: z.number().int(),
  lines: z.array(
    z.object({
      statementLine: statementLineDto.extend({ statementId: z.uuid() }),
      proposed: z.uuid().nullable().describe("The candidate proposed for this line: the closest in date not proposed for an earlier line"),
      candidates: z.array(candidateDto),
    }),
  ),
});
export type ReconciliationDto = z.infer<typeof reconciliationDto>;

export const confirmMatchesBody = z
  .object({
    matches: z
      .array(z.object({ statementLineId: z.uuid(), journalLineId: z.uuid() }).strict())
      .min(1)
      .max(500)
      .superRefine((items, ctx) => {
        const lines = new Set<string>();
        const journal = new Set<string>();
        items.forEach((item, index) => {
          if (lines.has(item.statementLineId)) ctx.addIssue({ code: "custom", message: "Each statement line once per request", path: [index, "statementLineId"] });
          if (journal.has(item.journalLineId)) ctx.addIssue({ code: "custom", message: "Each ledger line once per request", path: [index, "journalLineId"] });
          lines.add(item.statementLineId);
          journal.add(item.journalLineId);
        });
      }),
  })
  .strict()
  .openapi({ example: { matches: [{ statementLineId: "0193a1b2-0000-7000-8000-000000000701", journalLineId: "0193a1b2-0000-7000-8000-000000000801" }] } });
export type ConfirmMatchesInput = z.infer<typeof confirmMatchesBody>;

export const matchesDto = z.object({
  matches: z.array(z.object({ statementLineId: z.uuid(), journalLineId: z.uuid(), journalEntryId: z.uuid(), amount: z.string() })),
});
export type MatchesDto = z.infer<typeof matchesDto>;

export const lineTransactionBody = z
  .object({
    accountId: z.uuid().describe("The expense (income) account"),
    taxRateId: z.uuid().optional(),
    amountIncludesTax: z.boolean().default(true),
    counterparty: z.string().trim().min(1).max(200).optional(),
    partyId: z.uuid().optional(),
    reference: z.string().trim().min(1).max(200).optional().describe("Default the statement line's reference"),
    notes: z.string().trim().max(2000).optional(),
  })
  .strict()
  .openapi({ example: { accountId: "0193a1b2-0000-7000-8000-000000000167", counterparty: "Bank fees" } });
export type LineTransactionInput = z.infer<typeof lineTransactionBody>;
