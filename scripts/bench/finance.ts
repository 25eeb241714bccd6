// The finance benchmark's ledger: 1,000,000 posted lines seeded straight into the tables (as the
// owner: through the API it would take an hour), the maintained balances filled from them in the
// same transaction, and the checks that the numbering stayed gap-free after the posting load.
import pg from "pg";
import { enablePlanModule } from "./plan-module";

/** Lines the reports are measured over: two per entry. */
export const FINANCE_LINES = 1_000_000;

/** Debit and credit account codes of the seeded entries (the default chart's), in turn. */
const PAIRS: [string, string][] = [
  ["1200", "4100"], // a sale on credit
  ["1120", "1200"], // the customer pays
  ["1300", "2110"], // stock bought on credit
  ["2110", "1120"], // the supplier is paid
  ["5100", "1300"], // cost of the goods sold
  ["6100", "1120"], // salaries
  ["6200", "1120"], // rent
  ["6300", "1120"], // utilities
  ["6400", "1110"], // supplies paid in cash
  ["1110", "4900"], // other income in cash
  ["6700", "1120"], // bank charges
  ["1400", "2110"], // input tax on a purchase
];

export interface SeededLedger {
  entries: number;
  lines: number;
  from: string;
  to: string;
  seconds: number;
}

/**
 * Posted entries of two lines each over `from`..`to`, numbered per fiscal year, chained, with the monthly and daily
 * balances summed from the lines and the counters and chain head where posting continues. The
 * per-entry triggers are skipped for the bulk insert (session_replication_role = replica, which
 * the owner may set) and their work is done set-wise instead; the result is what posting each
 * entry would have left, bar the hash values.
 */
export async function seedLedger(databaseUrl: string, organizationId: string, options: { lines: number; from: string; to: string }): Promise<SeededLedger> {
  const started = Date.now();
  const entries = Math.floor(options.lines / 2);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: accounts } = await client.query<{ id: string; code: string }>(
      "SELECT id::text, code FROM finance.accounts WHERE organization_id = $1",
      [organizationId],
    );
    const idOf = new Map(accounts.map((account) => [account.code, account.id]));
    const account = (code: string) => {
      const id = idOf.get(code);
      if (!id) throw new Error(`the bench organization's chart has no account ${code}`);
      return id;
    };
    const debits = PAIRS.map(([debit]) => account(debit));
    const credits = PAIRS.map(([, credit]) => account(credit));
    const { rows: settings } = await client.query<{ base_currency: string; fiscal_year_start_month: number }>(
      "SELECT base_currency, fiscal_year_start_month FROM finance.ledger_settings WHERE organization_id = $1",
      [organizationId],
    );
    if (!settings[0]) throw new Error("the bench organization's ledger is not set up");
    const { base_currency: currency, fiscal_year_start_month: startMonth } = settings[0];

    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    await client.query(
      `CREATE TEMP TABLE bench_entries ON COMMIT DROP AS
       SELECT gen_random_uuid() AS id, n,
              $2::date + ((n - 1)::bigint * ($3::date - $2::date + 1) / $1)::int AS entry_date,
              (((n::bigint * 7919) % 99900) + 100)::numeric / 100 AS amount,
              ((n - 1) % $4) + 1 AS pair
       FROM generate_series(1, $1) AS n`,
      [entries, options.from, options.to, PAIRS.length],
    );
    await client.query(
      `INSERT INTO finance.journal_entries (id, organization_id, status, number, fiscal_year, sequence, entry_date, memo, base_currency,
              base_total_debit, base_total_credit, chain_position, previous_hash, hash, posted_at, posted_by, created_by, created_at, updated_at)
       SELECT id, $1, 'posted', 'JE-' || fiscal_year || '-' || lpad(sequence::text, 6, '0'), fiscal_year, sequence, entry_date,
              'Bench entry ' || n, $2, amount, amount, n,
              CASE WHEN n > 1 THEN encode(sha256(convert_to((n - 1)::text, 'UTF8')), 'hex') END,
              encode(sha256(convert_to(n::text, 'UTF8')), 'hex'), now(), 'bench', 'bench', now(), now()
       FROM (SELECT *, row_number() OVER (PARTITION BY fiscal_year ORDER BY n)::int AS sequence
             FROM (SELECT *, extract(year FROM entry_date - make_interval(months => $3 - 1))::int AS fiscal_year FROM bench_entries) AS dated
            ) AS e`,
      [organizationId, currency, startMonth],
    );
    await client.query(
      `INSERT INTO finance.journal_lines (id, organization_id, entry_id, line_number, account_id, entry_date, debit, credit, currency,
              exchange_rate, base_debit, base_credit, created_at)
       SELECT gen_random_uuid(), $1, e.id, side.line_number, side.account_id, e.entry_date,
              CASE WHEN side.line_number = 1 THEN e.amount ELSE 0 END, CASE WHEN side.line_number = 2 THEN e.amount ELSE 0 END, $2,
              1, CASE WHEN side.line_number = 1 THEN e.amount ELSE 0 END, CASE WHEN side.line_number = 2 THEN e.amount ELSE 0 END, now()
       FROM bench_entries e
       CROSS JOIN LATERAL (VALUES (1, ($3::uuid[])[e.pair]), (2, ($4::uuid[])[e.pair])) AS side(line_number, account_id)`,
      [organizationId, currency, debits, credits],
    );
    // What the posting trigger adds per entry, added once for all of them.
    await client.query(
      `INSERT INTO finance.account_period_balances AS b (organization_id, account_id, period, currency, debit, credit, base_debit, base_credit, line_count)
       SELECT organization_id, account_id, to_char(entry_date, 'YYYY-MM'), currency, sum(debit), sum(credit), sum(base_debit), sum(base_credit), count(*)
       FROM finance.journal_lines WHERE organization_id = $1
       GROUP BY organization_id, account_id, to_char(entry_date, 'YYYY-MM'), currency
       ON CONFLICT (organization_id, account_id, period, currency) DO UPDATE SET
         debit = b.debit + EXCLUDED.debit, credit = b.credit + EXCLUDED.credit, base_debit = b.base_debit + EXCLUDED.base_debit,
         base_credit = b.base_credit + EXCLUDED.base_credit, line_count = b.line_count + EXCLUDED.line_count`,
      [organizationId],
    );
    await client.query(
      `INSERT INTO finance.account_daily_balances AS b (organization_id, account_id, balance_date, base_debit, base_credit, line_count)
       SELECT organization_id, account_id, entry_date, sum(base_debit), sum(base_credit), count(*)
       FROM finance.journal_lines WHERE organization_id = $1
       GROUP BY organization_id, account_id, entry_date
       ON CONFLICT (organization_id, account_id, balance_date) DO UPDATE SET
         base_debit = b.base_debit + EXCLUDED.base_debit, base_credit = b.base_credit + EXCLUDED.base_credit,
         line_count = b.line_count + EXCLUDED.line_count`,
      [organizationId],
    );
    await client.query(
      `INSERT INTO finance.entry_number_counters (organization_id, fiscal_year, last_number)
       SELECT organization_id, fiscal_year, max(sequence) FROM finance.journal_entries WHERE organization_id = $1 GROUP BY organization_id, fiscal_year
       ON CONFLICT (organization_id, fiscal_year) DO UPDATE SET last_number = EXCLUDED.last_number`,
      [organizationId],
    );
    await client.query(
      `UPDATE finance.ledger_chain SET last_position = $2::bigint, last_hash = encode(sha256(convert_to($3, 'UTF8')), 'hex'), updated_at = now()
       WHERE organization_id = $1`,
      [organizationId, entries, String(entries)],
    );
    await client.query("COMMIT");
    // As autovacuum leaves the tables: statistics taken, so the plans are the ones a live ledger gets.
    for (const table of ["journal_entries", "journal_lines", "account_period_balances", "account_daily_balances"]) {
      await client.query(`VACUUM ANALYZE finance.${table}`);
    }
    // The million rows written out now, not by a checkpoint during the first scenario.
    await client.query("CHECKPOINT");
    return { entries, lines: entries * 2, from: options.from, to: options.to, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

export interface NumberingCheck {
  /** Per fiscal year: entries, distinct numbers, the highest sequence. */
  years: { fiscalYear: number; entries: number; distinct: number; highest: number }[];
  gapFree: boolean;
}

/** Numbers 1..n in every fiscal year, each once: what concurrent posting must never break. */
export async function checkNumbering(databaseUrl: string, organizationId: string): Promise<NumberingCheck> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ fiscal_year: number; entries: string; distinct: string; highest: number; lowest: number }>(
      `SELECT fiscal_year, count(*) AS entries, count(DISTINCT sequence) AS distinct, max(sequence) AS highest, min(sequence) AS lowest
       FROM finance.journal_entries WHERE organization_id = $1 AND status = 'posted' GROUP BY fiscal_year ORDER BY fiscal_year`,
      [organizationId],
    );
    const years = rows.map((row) => ({ fiscalYear: row.fiscal_year, entries: Number(row.entries), distinct: Number(row.distinct), highest: row.highest }));
    const gapFree = rows.every((row) => row.lowest === 1 && Number(row.entries) === row.highest && Number(row.distinct) === row.highest);
    return { years, gapFree };
  } finally {
    await client.end();
  }
}

/** The finance scenarios' keys; `--only finance` runs them all. */
export const FINANCE_SCENARIOS = [
  "finance-trial-balance",
  "finance-profit-and-loss",
  "finance-balance-sheet",
  "finance-trial-balance-1",
  "finance-profit-and-loss-1",
  "finance-balance-sheet-1",
  "finance-post",
  "finance-create-post",
  "finance-post-batch",
] as const;

/**
 * Moves the organization to the `pro` plan (which includes finance) unless finance already answers,
 * and waits until it answers for it, its ledger set up (see enablePlanModule).
 */
export function enableFinance(gatewayUrl: string, headers: Record<string, string>): Promise<void> {
  return enablePlanModule(gatewayUrl, headers, "finance", "/api/v1/finance/accounts?limit=1");
}

/** The accounts the posting scenarios post to: bank and sales of the default chart. */
export interface PostingAccounts {
  bank: string;
  sales: string;
}

/**
 * `count` balanced two-line drafts on `date` (SQL, as the owner: drafts are plain rows), for the
 * posting scenario to post one after the other. Returns their ids in order, and the two accounts
 * they post to (which the create-and-post scenario's bodies use too).
 */
export async function createDrafts(databaseUrl: string, organizationId: string, count: number, date: string): Promise<{ ids: string[]; accounts: PostingAccounts }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: accounts } = await client.query<{ id: string; code: string }>(
      "SELECT id::text, code FROM finance.accounts WHERE organization_id = $1 AND code IN ('1120', '4100')",
      [organizationId],
    );
    const bank = accounts.find((account) => account.code === "1120")?.id;
    const sales = accounts.find((account) => account.code === "4100")?.id;
    if (!bank || !sales) throw new Error("the bench organization's chart has no accounts 1120 and 4100");
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO finance.journal_entries (id, organization_id, status, entry_date, memo, base_currency, created_by, updated_at)
       SELECT gen_random_uuid(), $1, 'draft', $3::date, 'Bench posting ' || n, s.base_currency, 'bench', now()
       FROM generate_series(1, $2) AS n, finance.ledger_settings s WHERE s.organization_id = $1
       RETURNING id::text`,
      [organizationId, count, date],
    );
    await client.query(
      `INSERT INTO finance.journal_lines (id, organization_id, entry_id, line_number, account_id, entry_date, debit, credit, currency, exchange_rate,
              base_debit, base_credit)
       SELECT gen_random_uuid(), $1, e.id, side.line_number, side.account_id, e.entry_date,
              CASE WHEN side.line_number = 1 THEN 42.50 ELSE 0 END, CASE WHEN side.line_number = 2 THEN 42.50 ELSE 0 END, e.base_currency, 1,
              CASE WHEN side.line_number = 1 THEN 42.50 ELSE 0 END, CASE WHEN side.line_number = 2 THEN 42.50 ELSE 0 END
       FROM finance.journal_entries e CROSS JOIN (VALUES (1, $3::uuid), (2, $4::uuid)) AS side(line_number, account_id)
       WHERE e.id = ANY($2::uuid[])`,
      [organizationId, rows.map((row) => row.id), bank, sales],
    );
    await client.query("COMMIT");
    return { ids: rows.map((row) => row.id), accounts: { bank, sales } };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** The body of `POST /journal-entries?post=true` in the create-and-post scenario: the drafts' entry, the `n`th. */
export function createAndPostBody(accounts: PostingAccounts, date: string, n: number): string {
  return JSON.stringify({
    date,
    memo: `Bench create and post ${n}`,
    lines: [
      { accountId: accounts.bank, debit: "42.50" },
      { accountId: accounts.sales, credit: "42.50" },
    ],
  });
}

/** Entries per request in the bulk posting scenario (7f). */
export const BATCH_ENTRIES = 50;

/** The body of `POST /journal-entries/batch` in the bulk posting scenario: BATCH_ENTRIES of the create-and-post entry, the `n`th request. */
export function batchPostBody(accounts: PostingAccounts, date: string, n: number): string {
  const entries = Array.from({ length: BATCH_ENTRIES }, (_, i) => JSON.parse(createAndPostBody(accounts, date, n * BATCH_ENTRIES + i)) as object);
  return JSON.stringify({ entries });
}

/** Posted entries of the organization (the posting scenario's count is the difference). */
export async function postedEntries(databaseUrl: string, organizationId: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM finance.journal_entries WHERE organization_id = $1 AND status = 'posted'",
      [organizationId],
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

export interface FinanceFigures {
  seeded: SeededLedger;
  /** p95 of the three reports, ms. */
  reports: { title: string; p95: number }[];
  /** Entries posted per second by each posting scenario that ran (its 2xx answers over the measured run). */
  postings: { title: string; perSecond: number }[];
  numbering: NumberingCheck;
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : "n/a");
const verdict = (met: boolean) => (met ? "met" : "**missed**");

/** The finance targets beside the scenario rows: reports' p95 < 100 ms, ≥ 300 postings/s, gap-free numbering. */
export function renderFinanceTargets(figures: FinanceFigures): string {
  const { seeded, numbering } = figures;
  const years = numbering.years.map((year) => `${year.fiscalYear}: ${year.entries.toLocaleString("en")} entries, 1..${year.highest.toLocaleString("en")}`).join("; ");
  return [
    `Ledger: ${seeded.lines.toLocaleString("en")} posted lines (${seeded.entries.toLocaleString("en")} entries, ${seeded.from} to ${seeded.to}) ` +
      `in one organization, seeded in ${seeded.seconds.toFixed(0)} s.`,
    "",
    "| finance target | value | target | status |",
    "| --- | ---: | --- | --- |",
    ...figures.reports.map((report) => `| ${report.title} p95 | ${ms(report.p95)} ms | < 100 ms | ${verdict(report.p95 < 100)} |`),
    ...figures.postings.map((posting) => `| ${posting.title} | ${posting.perSecond.toFixed(0)} entries/s | ≥ 300 entries/s | ${verdict(posting.perSecond >= 300)} |`),
    `| entry numbers after the run (${years}) | ${numbering.gapFree ? "gap-free, unique" : "GAPS OR DUPLICATES"} | gap-free | ${verdict(numbering.gapFree)} |`,
  ].join("\n");
}

export const FINANCE_BEGIN_MARKER = "<!-- bench:finance:begin (written by `pnpm bench` when the finance scenarios run; edit outside the markers) -->";
export const FINANCE_END_MARKER = "<!-- bench:finance:end -->";

/** Puts the finance block between its markers, or appends it as a section of its own the first time. */
export function mergeFinanceBlock(existing: string | undefined, generated: string): string {
  const block = `${FINANCE_BEGIN_MARKER}\n${generated}\n${FINANCE_END_MARKER}`;
  const document = existing ?? "# Benchmarks\n";
  const begin = document.indexOf(FINANCE_BEGIN_MARKER);
  const end = document.indexOf(FINANCE_END_MARKER);
  if (begin !== -1 && end > begin) return `${document.slice(0, begin)}${block}${document.slice(end + FINANCE_END_MARKER.length)}`;
  return `${document.trimEnd()}\n\n## Finance ledger at ${FINANCE_LINES.toLocaleString("en")} lines (scenarios 7–7e)\n\n${block}\n`;
}
