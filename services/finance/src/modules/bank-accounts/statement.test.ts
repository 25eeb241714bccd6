/**
 * Bank statements and reconciliation through the finance app and a real database: a CSV imported
 * (column mapping, decimal commas, dry run, row errors), proposals within ±days for a transfer, an
 * expense and a revenue, matches confirmed, an unmatched line recorded as an expense in one call,
 * the reconciled balance equal to the statement's closing balance and to the ledger; a line and a
 * ledger line never matched twice (also when requests race); 400, 403, 404 across organizations.
 */
import { randomUUID } from "node:crypto";
import { startFinanceTestApp, type Api, type FinanceTestApp } from "../../../test/harness";
import { bankAccount, organizationWithLedger, trialBalance, type BankAccount } from "./bank-account.fixtures";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

interface Statement {
  id: string;
  openingBalance: string;
  closingBalance: string;
  reconciledBalance: string;
  lines: { id: string; amount: string; description: string; journalLineId: string | null }[];
}

const importCsv = (api: Api, bank: BankAccount, csv: string, query = "") => api.postCsv(`/bank-accounts/${bank.id}/statements${query}`, csv);

async function imported(api: Api, bank: BankAccount, csv: string, query = ""): Promise<Statement> {
  const res = await importCsv(api, bank, csv, query);
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.statement as Statement;
}

/** An organization, its main bank account (1000.00 on 1 January) and a second one. */
async function setUp() {
  const org = await organizationWithLedger(t);
  const main = await bankAccount(org.api, { name: "Main", openingBalance: "1000.00", openingDate: "2026-01-01" });
  const savings = await bankAccount(org.api, { name: "Savings" });
  return { org, main, savings };
}

/** The main account's ledger line of the entry `entryId`. */
async function bankLine(api: Api, entryId: string, accountId: string): Promise<string> {
  const entry = (await api.get(`/journal-entries/${entryId}`)).body.data as { lines: { id: string; accountId: string }[] };
  return entry.lines.find((line) => line.accountId === accountId)!.id;
}

const STATEMENT = ["date,description,amount,reference", "2026-03-03,To savings,-200.00,TRF", "2026-03-05,Office supplies,-50.00,", "2026-03-08,Interest,80.00,", "2026-03-10,Bank fee,-3.50,FEE-3"].join("\n");

describe("statements and reconciliation", () => {
  it("imports, proposes, confirms, records the rest as an expense: reconciled balance = closing balance = the ledger's; events", async () => {
    const { org, main, savings } = await setUp();
    const transfer = (await org.api.post("/bank-transfers", { fromBankAccountId: main.id, toBankAccountId: savings.id, transferDate: "2026-03-02", amount: "200.00" })).body.data;
    const office = await t.account(org.api, "6400");
    const other = await t.account(org.api, "4900");
    const expense = await org.api.post("/expenses", { date: "2026-03-05", accountId: office.id, amount: "50.00", bankAccountId: main.accountId, counterparty: "Paper Ltd" });
    expect(expense.status).toBe(201);
    const revenue = await org.api.post("/revenue", { date: "2026-03-07", accountId: other.id, amount: "80.00", bankAccountId: main.accountId, counterparty: "Bank" });
    expect(revenue.status).toBe(201);

    const res = await importCsv(org.api, main, STATEMENT, "?openingBalance=1000.00&closingBalance=826.50&fileName=march.csv");
    expect(res.status).toBe(201);
    const statement = res.body.data.statement as Statement;
    expect(res.headers.location).toBe(`/api/v1/finance/bank-accounts/${main.id}/statements/${statement.id}`);
    expect(statement).toMatchObject({ openingBalance: "1000.00", closingBalance: "826.50", reconciledBalance: "1000.00" });
    expect(statement.lines.map((l) => [l.amount, l.description])).toEqual([
      ["-200.00", "To savings"],
      ["-50.00", "Office supplies"],
      ["80.00", "Interest"],
      ["-3.50", "Bank fee"],
    ]);
    const [toSavings, supplies, interest, fee] = statement.lines.map((line) => line.id);

    const transferLine = await bankLine(org.api, transfer.journalEntryId, main.accountId);
    const expenseLine = await bankLine(org.api, expense.body.data.journalEntryId, main.accountId);
    const revenueLine = await bankLine(org.api, revenue.body.data.journalEntryId, main.accountId);
    const proposals = (await org.api.get(`/bank-accounts/${main.id}/reconciliation`)).body.data;
    expect(proposals.days).toBe(3);
    expect(proposals.lines.map((l: { statementLine: { id: string }; proposed: string | null }) => [l.statementLine.id, l.proposed])).toEqual([
      [toSavings, transferLine],
      [supplies, expenseLine],
      [interest, revenueLine],
      [fee, null],
    ]);
    expect(proposals.lines[0].candidates[0]).toMatchObject({ journalEntryId: transfer.journalEntryId, amount: "-200.00", date: "2026-03-02", source: { type: "bank_transfer", id: transfer.id } });
    // One day apart at most: the revenue two days before its line is no longer a candidate.
    const narrow = (await org.api.get(`/bank-accounts/${main.id}/reconciliation?days=0`)).body.data;
    expect(narrow.lines.map((l: { proposed: string | null }) => l.proposed)).toEqual([null, expenseLine, null, null]);

    const confirmed = await org.api.post(`/bank-accounts/${main.id}/reconciliation`, {
      matches: [
        { statementLineId: toSavings, journalLineId: transferLine },
        { statementLineId: supplies, journalLineId: expenseLine },
        { statementLineId: interest, journalLineId: revenueLine },
      ],
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.data.matches).toHaveLength(3);

    const bankCharges = await t.account(org.api, "6700");
    const line = await org.api.post(`/bank-accounts/${main.id}/statement-lines/${fee}/expense`, { accountId: bankCharges.id });
    expect(line.status).toBe(201);
    expect(line.body.data.transaction).toMatchObject({ kind: "expense", date: "2026-03-10", amount: "3.50", reference: "FEE-3", counterparty: "Bank fee" });
    expect(line.body.data.match).toMatchObject({ statementLineId: fee, amount: "-3.50" });

    expect((await org.api.get(`/bank-accounts/${main.id}/reconciliation`)).body.data.lines).toEqual([]);
    const after = (await org.api.get(`/bank-accounts/${main.id}/statements/${statement.id}`)).body.data as Statement;
    expect(after.reconciledBalance).toBe("826.50");
    expect(after.reconciledBalance).toBe(after.closingBalance);
    expect((await org.api.get(`/bank-accounts/${main.id}`)).body.data.balance.amount).toBe(after.closingBalance);
    expect((await trialBalance(org.api)).balanced).toBe(true);

    const events = await t.outbox(org.id);
    expect(events.filter((row) => row.event_type === "finance.statement.imported").map((row) => row.envelope.data)).toEqual([
      expect.objectContaining({ bankAccountId: main.id, fromDate: "2026-03-03", toDate: "2026-03-10", openingBalance: "1000.00", closingBalance: "826.50", lineCount: 4 }),
    ]);
    expect(events.filter((row) => row.event_type === "finance.reconciliation.matched").map((row) => (row.envelope.data.matches as unknown[]).length)).toEqual([3, 1]);

    // The next statement opens at this one's closing balance.
    const next = await imported(org.api, main, "date,description,amount\n2026-04-01,Deposit,10.00");
    expect([next.openingBalance, next.closingBalance]).toEqual(["826.50", "836.50"]);
  });

  it("a dry run maps columns, ignores others, reads decimal commas and stores nothing; row errors are 422 IMPORT_INVALID_ROWS naming rows.<line>.<column>", async () => {
    const { org, main } = await setUp();
    const csv = ["Buchungstag;Text;Betrag;Saldo", "2026-03-03;Miete;-1.200,00;0", "2026-03-04;Gutschrift;15,5;0"].join("\n");
    const query = "?dryRun=true&dateColumn=Buchungstag&descriptionColumn=Text&amountColumn=Betrag&decimalSeparator=comma";
    const dry = await importCsv(org.api, main, csv, query);
    expect(dry.status).toBe(200);
    expect(dry.body.data).toMatchObject({ dryRun: true, delimiter: "semicolon", rowCount: 2, errors: [] });
    expect(dry.body.data.statement).toMatchObject({ id: null, openingBalance: "1000.00", closingBalance: "-184.50" });
    expect(dry.body.data.statement.lines.map((l: { amount: string }) => l.amount)).toEqual(["-1200.00", "15.50"]);
    expect((await t.owner.query("SELECT 1 FROM finance.bank_statements WHERE organization_id = $1", [org.id])).rowCount).toBe(0);

    const bad = ["date,description,amount", "2026-03-03,Rent,-12.345", "2026-02-30,Fee,1.00", "2026-03-05,,0"].join("\n");
    const dryBad = await importCsv(org.api, main, bad, "?dryRun=true");
    expect(dryBad.status).toBe(200);
    expect(dryBad.body.data.statement).toBeNull();
    const refused = await importCsv(org.api, main, bad);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("IMPORT_INVALID_ROWS");
    expect(refused.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(["rows.2.amount", "rows.3.date", "rows.4.description"]));
    expect(dryBad.body.data.errors).toEqual(refused.body.error.details);
    const missing = await importCsv(org.api, main, "date,amount\n2026-03-03,1.00");
    expect([missing.status, missing.body.error.details]).toEqual([422, [{ path: "rows.1.description", message: "Missing column" }]]);
    const unbalanced = await importCsv(org.api, main, STATEMENT, "?openingBalance=1000.00&closingBalance=900.00");
    expect([unbalanced.status, unbalanced.body.error.code]).toEqual([422, "STATEMENT_UNBALANCED"]);
    expect((await t.owner.query("SELECT 1 FROM finance.bank_statements WHERE organization_id = $1", [org.id])).rowCount).toBe(0);
    expect((await org.api.postCsv(`/bank-accounts/${main.id}/statements?dryRun=maybe`, STATEMENT)).status).toBe(400);
  });

  it("a grouping separator only between groups of three digits left of the decimal separator: `1,00` read with decimal dots (or `12.5` with commas) is a row error, not 100.00", async () => {
    const { org, main } = await setUp();
    const dot = await importCsv(org.api, main, ["date,description,amount", '2026-03-03,A,"1,00"', '2026-03-04,B,"-12,5"', '2026-03-05,C,"1,234.56"', '2026-03-06,D,"12,345,678"', '2026-03-07,E,"1.000,00"', '2026-03-08,F,"1,2345.00"'].join("\n"), "?dryRun=true");
    expect(dot.body.data.errors.map((e: { path: string }) => e.path)).toEqual(["rows.2.amount", "rows.3.amount", "rows.6.amount", "rows.7.amount"]);
    const comma = await importCsv(org.api, main, ["date;description;amount", "2026-03-03;A;12.5", "2026-03-04;B;-1.200,00", "2026-03-05;C;15,5", "2026-03-06;D;1.2,00", "2026-03-07;E;1,000.00"].join("\n"), "?dryRun=true&decimalSeparator=comma");
    expect(comma.body.data.errors.map((e: { path: string }) => e.path)).toEqual(["rows.2.amount", "rows.5.amount", "rows.6.amount"]);
    const valid = await importCsv(org.api, main, ["date;description;amount", "2026-03-04;B;-1.200,00", "2026-03-05;C;15,5", "2026-03-06;D;1234,5"].join("\n"), "?dryRun=true&decimalSeparator=comma");
    expect(valid.body.data.statement.lines.map((l: { amount: string }) => l.amount)).toEqual(["-1200.00", "15.50", "1234.50"]);
    const grouped = await importCsv(org.api, main, ["date,description,amount", '2026-03-05,C,"1,234.56"', '2026-03-06,D,"12,345,678"', "2026-03-07,E,-0.5"].join("\n"), "?dryRun=true");
    expect(grouped.body.data.statement.lines.map((l: { amount: string }) => l.amount)).toEqual(["1234.56", "12345678.00", "-0.50"]);
    const refused = await importCsv(org.api, main, 'date,description,amount\n2026-03-03,A,"1,00"');
    expect([refused.status, refused.body.error.code, refused.body.error.details[0].path]).toEqual([422, "IMPORT_INVALID_ROWS", "rows.2.amount"]);
  });

  it("a row dated later than today is a row error (rows.<n>.date): a bank reports what happened", async () => {
    const { org, main } = await setUp();
    const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const res = await importCsv(org.api, main, ["date,description,amount", "2026-03-03,A,1.00", `${days(2)},B,2.00`, "2099-01-01,C,3.00", `${days(1)},D,4.00`].join("\n"));
    expect([res.status, res.body.error.code]).toEqual([422, "IMPORT_INVALID_ROWS"]);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(["rows.3.date", "rows.4.date"]);
    expect((await t.owner.query("SELECT 1 FROM finance.bank_statements WHERE organization_id = $1", [org.id])).rowCount).toBe(0);
  });

  it("a statement imported out of order opens at the closing balance of the statement before it (else the ledger's balance before its first line), not the last one imported", async () => {
    const { org, main } = await setUp();
    const balances = (statement: Statement) => [statement.openingBalance, statement.closingBalance];
    expect(balances(await imported(org.api, main, "date,description,amount\n2026-03-05,Rent,-50.00"))).toEqual(["1000.00", "950.00"]);
    expect(balances(await imported(org.api, main, "date,description,amount\n2026-04-02,Interest,10.00"))).toEqual(["950.00", "960.00"]);
    expect(balances(await imported(org.api, main, "date,description,amount\n2026-01-15,Fee,-5.00"))).toEqual(["1000.00", "995.00"]);
    expect(balances(await imported(org.api, main, "date,description,amount\n2026-02-10,Fee,-1.00"))).toEqual(["995.00", "994.00"]);
  });

  it("the same file sent again is not stored twice: with its Idempotency-Key the first answer is replayed, without it 409 STATEMENT_OVERLAPS, as for any file sharing a day with a statement", async () => {
    const { org, main } = await setUp();
    const key = randomUUID();
    const first = await importCsv(org.api, main, STATEMENT).set("Idempotency-Key", key);
    const again = await importCsv(org.api, main, STATEMENT).set("Idempotency-Key", key);
    expect([first.status, again.status, again.headers["idempotent-replayed"]]).toEqual([201, 201, "true"]);
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    const resent = await importCsv(org.api, main, STATEMENT);
    expect([resent.status, resent.body.error.code]).toEqual([409, "STATEMENT_OVERLAPS"]);
    const lastDay = await importCsv(org.api, main, "date,description,amount\n2026-03-10,Late,1.00\n2026-03-12,Next,2.00", "?dryRun=true");
    expect([lastDay.status, lastDay.body.error.code]).toEqual([409, "STATEMENT_OVERLAPS"]);
    const inside = await importCsv(org.api, main, "date,description,amount\n2026-03-04,Inside,1.00");
    expect([inside.status, inside.body.error.code]).toEqual([409, "STATEMENT_OVERLAPS"]);
    const { rows } = await t.owner.query<{ n: string }>("SELECT count(*)::text AS n FROM finance.bank_statement_lines WHERE organization_id = $1", [org.id]);
    expect(rows[0]!.n).toBe("4");
    expect((await imported(org.api, main, "date,description,amount\n2026-03-11,Next,2.00")).openingBalance).toBe(first.body.data.statement.closingBalance);
  });

  it("the database refuses overlapping statements of one bank account from any path (an exclusion constraint), not only the import's check", async () => {
    const { org, main, savings } = await setUp();
    const insert = (bankAccount: { id: string }, from: string, to: string) =>
      t.owner.query(
        `INSERT INTO finance.bank_statements (id, organization_id, bank_account_id, from_date, to_date, opening_balance, closing_balance, created_by)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, 0, 0, 'test')`,
        [org.id, bankAccount.id, from, to],
      );
    await insert(main, "2026-05-01", "2026-05-31");
    await expect(insert(main, "2026-05-31", "2026-06-30")).rejects.toMatchObject({ code: "23P01", constraint: "bank_statements_days_do_not_overlap" });
    await expect(insert(main, "2026-05-10", "2026-05-10")).rejects.toMatchObject({ code: "23P01" });
    await insert(main, "2026-06-01", "2026-06-30");
    await insert(savings, "2026-05-01", "2026-05-31");
  });

  it("OpenAPI: the import's request carries a CSV example as text/csv and as the multipart upload's file, and the example imports", async () => {
    const { org, main } = await setUp();
    const document = (await org.api.get("/openapi.json")).body;
    const content = document.paths["/api/v1/finance/bank-accounts/{id}/statements"].post.requestBody.content as Record<string, { schema: { example?: unknown } }>;
    const csv = content["text/csv"]!.schema.example as string;
    expect(csv).toMatch(/^date,description,amount,reference\n/);
    expect(content["multipart/form-data"]!.schema.example).toEqual({ file: csv });
    const dry = await importCsv(org.api, main, csv, "?dryRun=true");
    expect([dry.status, dry.body.data.errors, dry.body.data.rowCount]).toEqual([200, [], 4]);
  });

  it("never matches a line or a ledger line twice: 409 ALREADY_MATCHED; 422 for another amount, an unknown line, another account's line, the wrong sign", async () => {
    const { org, main, savings } = await setUp();
    const statement = await imported(org.api, main, "date,description,amount\n2026-01-01,Opening,1000.00\n2026-01-02,Again,1000.00\n2026-01-03,Other,-5.00");
    const opening = await bankLine(org.api, main.openingEntryId!, main.accountId);
    const [first, second, third] = statement.lines.map((line) => line.id);
    const url = `/bank-accounts/${main.id}/reconciliation`;
    const amount = await org.api.post(url, { matches: [{ statementLineId: third, journalLineId: opening }] });
    expect([amount.status, amount.body.error.code]).toEqual([422, "MATCH_AMOUNT_MISMATCH"]);
    expect((await org.api.post(url, { matches: [{ statementLineId: first, journalLineId: opening }] })).status).toBe(200);
    const again = await org.api.post(url, { matches: [{ statementLineId: first, journalLineId: opening }] });
    expect([again.status, again.body.error.code, again.body.error.details[0].path]).toEqual([409, "ALREADY_MATCHED", "matches.0.statementLineId"]);
    const twice = await org.api.post(url, { matches: [{ statementLineId: second, journalLineId: opening }] });
    expect([twice.status, twice.body.error.code, twice.body.error.details[0].path]).toEqual([409, "ALREADY_MATCHED", "matches.0.journalLineId"]);
    const savingsStatement = await imported(org.api, savings, "date,description,amount\n2026-01-01,X,1.00");
    const elsewhere = await org.api.post(url, { matches: [{ statementLineId: savingsStatement.lines[0]!.id, journalLineId: opening }] });
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([422, "UNKNOWN_STATEMENT_LINE"]);
    const equity = await bankLine(org.api, main.openingEntryId!, (await t.account(org.api, "3300")).id);
    const notBank = await org.api.post(url, { matches: [{ statementLineId: second, journalLineId: equity }] });
    expect([notBank.status, notBank.body.error.code]).toEqual([422, "UNKNOWN_JOURNAL_LINE"]);
    const dup = await org.api.post(url, { matches: [{ statementLineId: second, journalLineId: opening }, { statementLineId: second, journalLineId: equity }] });
    expect([dup.status, dup.body.error.details[0].path]).toEqual([400, "matches.1.statementLineId"]);
    const sign = await org.api.post(`/bank-accounts/${main.id}/statement-lines/${second}/expense`, { accountId: (await t.account(org.api, "6700")).id });
    expect([sign.status, sign.body.error.code]).toEqual([422, "LINE_SIGN_MISMATCH"]);
    const matched = await org.api.post(`/bank-accounts/${main.id}/statement-lines/${first}/revenue`, { accountId: (await t.account(org.api, "4900")).id });
    expect([matched.status, matched.body.error.code]).toEqual([409, "ALREADY_MATCHED"]);
    expect((await t.owner.query("SELECT 1 FROM finance.cash_transactions WHERE organization_id = $1", [org.id])).rowCount).toBe(0);
  });

  it("the bank line of a voided revenue, or of its reversal, is no ledger line to confirm: 422 UNKNOWN_JOURNAL_LINE, nothing matched", async () => {
    const { org, main } = await setUp();
    const other = await t.account(org.api, "4900");
    const revenue = (await org.api.post("/revenue", { date: "2026-03-07", accountId: other.id, amount: "80.00", bankAccountId: main.accountId })).body.data;
    const voided = await org.api.post(`/revenue/${revenue.id}/void`, { reason: "Recorded twice" });
    expect(voided.status).toBe(200);
    const statement = await imported(org.api, main, "date,description,amount\n2026-03-07,Interest,80.00\n2026-03-08,Back,-80.00");
    const [interest, back] = statement.lines.map((line) => line.id);
    const reversalLine = await bankLine(org.api, voided.body.data.voidEntryId, main.accountId);
    const url = `/bank-accounts/${main.id}/reconciliation`;
    for (const [statementLineId, journalLineId] of [
      [interest, revenue.bankLineId],
      [back, reversalLine],
    ]) {
      const res = await org.api.post(url, { matches: [{ statementLineId, journalLineId }] });
      expect([res.status, res.body.error.code, res.body.error.details[0].path]).toEqual([422, "UNKNOWN_JOURNAL_LINE", "matches.0.journalLineId"]);
    }
    expect((await t.owner.query("SELECT 1 FROM finance.bank_statement_lines WHERE organization_id = $1 AND journal_line_id IS NOT NULL", [org.id])).rowCount).toBe(0);
  });

  it("a journal entry posted by hand and reconciled is not reversed by hand: 409 ENTRY_RECONCILED, no reversal written", async () => {
    const { org, main } = await setUp();
    const other = await t.account(org.api, "4900");
    const posted = await org.api.post("/journal-entries?post=true", {
      date: "2026-03-09",
      memo: "Refund received",
      lines: [
        { accountId: main.accountId, debit: "25.00" },
        { accountId: other.id, credit: "25.00" },
      ],
    });
    expect(posted.status).toBe(201);
    const statement = await imported(org.api, main, "date,description,amount\n2026-03-09,Refund,25.00");
    const journalLineId = await bankLine(org.api, posted.body.data.id, main.accountId);
    const matched = await org.api.post(`/bank-accounts/${main.id}/reconciliation`, { matches: [{ statementLineId: statement.lines[0]!.id, journalLineId }] });
    expect(matched.status).toBe(200);
    const reversed = await org.api.post(`/journal-entries/${posted.body.data.id}/reverse`, { date: "2026-03-10" });
    expect([reversed.status, reversed.body.error?.code]).toEqual([409, "ENTRY_RECONCILED"]);
    expect((await org.api.get(`/journal-entries/${posted.body.data.id}`)).body.data.reversedByEntryId).toBeNull();
  });

  it("two requests racing to match one ledger line to two statement lines: one wins, the other is 409, and the database holds one match", async () => {
    const { org, main } = await setUp();
    const statement = await imported(org.api, main, "date,description,amount\n2026-01-01,A,1000.00\n2026-01-01,B,1000.00");
    const opening = await bankLine(org.api, main.openingEntryId!, main.accountId);
    const url = `/bank-accounts/${main.id}/reconciliation`;
    const answers = await Promise.all(statement.lines.map((line) => org.api.post(url, { matches: [{ statementLineId: line.id, journalLineId: opening }] })));
    expect(answers.map((res) => res.status).sort()).toEqual([200, 409]);
    const { rows } = await t.owner.query("SELECT count(*)::int AS n FROM finance.bank_statement_lines WHERE journal_line_id = $1", [opening]);
    expect(rows[0].n).toBe(1);
    await expect(t.owner.query("UPDATE finance.bank_statement_lines SET journal_line_id = NULL, matched_at = NULL, matched_by = NULL WHERE journal_line_id = $1", [opening])).rejects.toThrow(
      /already matched/,
    );
  });

  it("403 without finance.bank_statement.reconcile (a reader reads statements); 404 for another organization's bank account, statement and line", async () => {
    const { org, main } = await setUp();
    const other = await organizationWithLedger(t);
    const statement = await imported(org.api, main, "date,description,amount\n2026-01-01,A,1.00");
    const reader = t.api(t.token(org.id, ["finance.bank_account.read"]));
    expect((await reader.postCsv(`/bank-accounts/${main.id}/statements`, STATEMENT)).status).toBe(403);
    expect((await reader.get(`/bank-accounts/${main.id}/reconciliation`)).status).toBe(403);
    expect((await reader.post(`/bank-accounts/${main.id}/reconciliation`, { matches: [] })).status).toBe(403);
    expect((await reader.post(`/bank-accounts/${main.id}/statement-lines/${statement.lines[0]!.id}/expense`, {})).status).toBe(403);
    expect((await reader.get(`/bank-accounts/${main.id}/statements/${statement.id}`)).status).toBe(200);
    expect((await reader.get(`/bank-accounts/${main.id}/statements`)).body.data).toHaveLength(1);
    expect((await other.api.postCsv(`/bank-accounts/${main.id}/statements`, STATEMENT)).status).toBe(404);
    expect((await other.api.get(`/bank-accounts/${main.id}/statements/${statement.id}`)).status).toBe(404);
    expect((await other.api.get(`/bank-accounts/${main.id}/reconciliation`)).status).toBe(404);
    const office = await t.account(other.api, "6400");
    expect((await other.api.post(`/bank-accounts/${main.id}/statement-lines/${statement.lines[0]!.id}/expense`, { accountId: office.id })).status).toBe(404);
  });
});
