/**
 * The migration matches schema.prisma, Row Level Security isolates organizations, and the database
 * itself keeps the ledger's promises against the application role: a posted entry and its lines
 * cannot be changed or deleted, and no transaction can commit a posted entry that does not balance.
 */
import { join } from "node:path";
import type pg from "pg";
import { checkSchemaDrift, uuidv7 } from "@erp/db";
import { organizationIdOf } from "@erp/scope";
import { tableAccessProblems } from "@erp/testkit";
import { startFinanceTestApp, type FinanceTestApp } from "../test/harness";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

it("the migrated database is in lock-step with schema.prisma", async () => {
  const drift = await checkSchemaDrift({
    schemaPath: join(__dirname, "..", "prisma", "schema.prisma"),
    connectionString: t.connectionString,
    schema: "finance",
  });
  expect(drift).toEqual([]);
});

const BUSINESS_TABLES = [
  "ledger_settings",
  "accounts",
  "journal_entries",
  "journal_lines",
  "account_period_balances",
  "account_daily_balances",
  "entry_number_counters",
  "ledger_chain",
  "exchange_rates",
  "period_locks",
  "period_lock_events",
  "fiscal_year_closings",
  "parties",
  "products",
  "tax_rates",
  "documents",
  "document_lines",
  "document_number_counters",
  "payments",
  "allocations",
  "bank_accounts",
  "bank_transfers",
  "bank_statements",
  "bank_statement_lines",
  "cash_transactions",
  "reimbursements",
  "reimbursement_lines",
  "reimbursement_transitions",
];

describe("row level security", () => {
  it("isolates every table with an organization column, and erp_app holds no more than declared (the lock history is append-only)", async () => {
    expect(await tableAccessProblems(t.owner, "finance", { appendOnly: ["period_lock_events"] })).toEqual([]);
    const { rows } = await t.owner.query<{ relname: string }>(
      "SELECT relname FROM pg_class WHERE relnamespace = 'finance'::regnamespace AND relkind = 'r' AND relrowsecurity AND relforcerowsecurity",
    );
    expect(rows.map((r) => r.relname).sort()).toEqual([...BUSINESS_TABLES].sort());
  });

  it("the service's connections run as erp_app and see nothing without organization context", async () => {
    const org = await t.organization();
    expect((await org.api.get("/accounts")).status).toBe(200);
    const { rows } = await t.db.pool.query<{ role: string }>("SELECT current_user AS role");
    expect(rows[0]?.role).toBe("erp_app");
    for (const table of ["ledger_settings", "accounts", "ledger_chain"]) {
      const owner = await t.owner.query<{ n: string }>(`SELECT count(*) AS n FROM finance.${table}`);
      const app = await t.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM finance.${table}`);
      expect([table, app.rows[0]?.n]).toEqual([table, "0"]);
      expect([table, Number(owner.rows[0]?.n) > 0]).toEqual([table, true]);
    }
  });

  it("inside an organization's context only its rows are visible, and another's cannot be written", async () => {
    const mine = await t.organization();
    const theirs = await t.organization();
    await mine.api.get("/accounts");
    await theirs.api.get("/accounts");
    const seen = await t.db.withOrganization(organizationIdOf(mine.id), (tx) => tx.account.findMany({ select: { organizationId: true } }));
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((a) => a.organizationId))).toEqual(new Set([mine.id]));
    await expect(
      t.db.withOrganization(organizationIdOf(mine.id), (tx) =>
        tx.exchangeRate.create({ data: { id: uuidv7(), organizationId: theirs.id, currency: "USD", effectiveDate: new Date("2026-01-01"), rate: "1.1" } }),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});

/** Direct SQL as the application role, in `organizationId`'s context, committed at the end. */
async function asApp(organizationId: string, work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await t.db.pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT set_config('app.organization_id', $1, true)", [organizationId]);
    await work(client);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

interface SqlLine {
  accountId: string;
  debit?: string;
  credit?: string;
}

/** Writes a draft with `lines` (EUR at rate 1) and, unless `post` is false, marks it posted with `totals`. */
async function writeEntry(client: pg.PoolClient, organizationId: string, lines: SqlLine[], options: { post?: boolean; totals?: [string, string] } = {}) {
  const id = uuidv7();
  await client.query(
    `INSERT INTO finance.journal_entries (id, organization_id, entry_date, base_currency, created_by, updated_at)
     VALUES ($1, $2, '2026-03-01', 'EUR', 'test', now())`,
    [id, organizationId],
  );
  for (const [index, line] of lines.entries()) {
    await client.query(
      `INSERT INTO finance.journal_lines (id, organization_id, entry_id, line_number, account_id, entry_date, debit, credit, currency, exchange_rate, base_debit, base_credit)
       VALUES ($1, $2, $3, $4, $5, '2026-03-01', $6, $7, 'EUR', 1, $6, $7)`,
      [uuidv7(), organizationId, id, index + 1, line.accountId, line.debit ?? "0", line.credit ?? "0"],
    );
  }
  if (options.post === false) return id;
  const [debit, credit] = options.totals ?? [sum(lines, "debit"), sum(lines, "credit")];
  const sequence = Math.floor(Math.random() * 1_000_000) + 1;
  await client.query(
    `UPDATE finance.journal_entries SET status = 'posted', number = $2, fiscal_year = 2026, sequence = $3::int, chain_position = $3::bigint,
       hash = repeat('a', 64), posted_at = now(), posted_by = 'test', base_total_debit = $4, base_total_credit = $5
     WHERE id = $1`,
    [id, `JE-SQL-${sequence}`, sequence, debit, credit],
  );
  return id;
}

const sum = (lines: SqlLine[], side: "debit" | "credit") => String(lines.reduce((total, line) => total + Number(line[side] ?? 0), 0));

describe("the database refuses what would break the ledger, for the application role", () => {
  let org: Awaited<ReturnType<FinanceTestApp["organization"]>>;
  let bank: string;
  let sales: string;
  beforeAll(async () => {
    org = await t.organization();
    bank = (await t.account(org.api, "1120")).id;
    sales = (await t.account(org.api, "4100")).id;
  });

  it("a balanced posted entry commits, and the posting adds it to the monthly and daily balances", async () => {
    let id = "";
    await asApp(org.id, async (client) => {
      id = await writeEntry(client, org.id, [{ accountId: bank, debit: "100.00" }, { accountId: sales, credit: "100.00" }]);
    });
    const { rows } = await t.owner.query(
      "SELECT account_id, period, base_debit::text, base_credit::text, line_count FROM finance.account_period_balances WHERE organization_id = $1 ORDER BY base_debit DESC",
      [org.id],
    );
    expect(rows).toEqual([
      { account_id: bank, period: "2026-03", base_debit: "100.0000", base_credit: "0.0000", line_count: 1 },
      { account_id: sales, period: "2026-03", base_debit: "0.0000", base_credit: "100.0000", line_count: 1 },
    ]);
    const daily = await t.owner.query("SELECT count(*)::int AS n FROM finance.account_daily_balances WHERE organization_id = $1", [org.id]);
    expect(daily.rows[0].n).toBe(2);
    expect(id).not.toBe("");
  });

  it("cannot update or delete a posted line, add one to a posted entry, or change or delete a posted entry", async () => {
    let id = "";
    await asApp(org.id, async (client) => {
      id = await writeEntry(client, org.id, [{ accountId: bank, debit: "5.00" }, { accountId: sales, credit: "5.00" }]);
    });
    const refused = /posted/;
    await expect(asApp(org.id, (c) => c.query("UPDATE finance.journal_lines SET base_debit = 6, debit = 6 WHERE entry_id = $1 AND debit > 0", [id]).then(() => undefined))).rejects.toThrow(refused);
    await expect(asApp(org.id, (c) => c.query("DELETE FROM finance.journal_lines WHERE entry_id = $1", [id]).then(() => undefined))).rejects.toThrow(refused);
    await expect(
      asApp(org.id, (c) =>
        c
          .query(
            `INSERT INTO finance.journal_lines (id, organization_id, entry_id, line_number, account_id, entry_date, debit, currency, exchange_rate, base_debit)
             VALUES ($1, $2, $3, 9, $4, '2026-03-01', 1, 'EUR', 1, 1)`,
            [uuidv7(), org.id, id, bank],
          )
          .then(() => undefined),
      ),
    ).rejects.toThrow(refused);
    await expect(asApp(org.id, (c) => c.query("UPDATE finance.journal_entries SET memo = 'rewritten' WHERE id = $1", [id]).then(() => undefined))).rejects.toThrow(refused);
    await expect(asApp(org.id, (c) => c.query("UPDATE finance.journal_entries SET status = 'draft' WHERE id = $1", [id]).then(() => undefined))).rejects.toThrow(refused);
    await expect(asApp(org.id, (c) => c.query("DELETE FROM finance.journal_entries WHERE id = $1", [id]).then(() => undefined))).rejects.toThrow(refused);
    const { rows } = await t.owner.query("SELECT memo, status, (SELECT count(*)::int FROM finance.journal_lines WHERE entry_id = $1) AS lines FROM finance.journal_entries WHERE id = $1", [id]);
    expect(rows).toEqual([{ memo: null, status: "posted", lines: 2 }]);
  });

  it("the owner role cannot change a posted line either, nor truncate the journal", async () => {
    const { rows } = await t.owner.query("SELECT id FROM finance.journal_entries WHERE organization_id = $1 AND status = 'posted' LIMIT 1", [org.id]);
    await expect(t.owner.query("UPDATE finance.journal_lines SET description = 'x' WHERE entry_id = $1", [rows[0].id])).rejects.toThrow(/posted/);
    await expect(t.owner.query("TRUNCATE finance.journal_lines")).rejects.toThrow(/cannot be truncated/);
  });

  it("cannot commit a posted entry whose base debits and credits differ, which disagrees with its totals, or which has one line", async () => {
    const before = await t.owner.query("SELECT count(*)::int AS n FROM finance.journal_entries WHERE organization_id = $1", [org.id]);
    await expect(
      asApp(org.id, async (c) => {
        await writeEntry(c, org.id, [{ accountId: bank, debit: "100.00" }, { accountId: sales, credit: "99.99" }], { totals: ["100", "100"] });
      }),
    ).rejects.toThrow(/does not balance/);
    await expect(
      asApp(org.id, async (c) => {
        await writeEntry(c, org.id, [{ accountId: bank, debit: "10.00" }, { accountId: sales, credit: "10.00" }], { totals: ["10", "11"] });
      }),
    ).rejects.toThrow(/does not balance/);
    await expect(
      asApp(org.id, async (c) => {
        await writeEntry(c, org.id, [{ accountId: bank, debit: "10.00" }], { totals: ["10", "10"] });
      }),
    ).rejects.toThrow(/at least 2/);
    const after = await t.owner.query("SELECT count(*)::int AS n FROM finance.journal_entries WHERE organization_id = $1", [org.id]);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it("a draft may be unbalanced, edited and deleted (its lines go with it)", async () => {
    let id = "";
    await asApp(org.id, async (c) => {
      id = await writeEntry(c, org.id, [{ accountId: bank, debit: "1.00" }], { post: false });
      await c.query("UPDATE finance.journal_lines SET debit = 2, base_debit = 2 WHERE entry_id = $1", [id]);
      await c.query("UPDATE finance.journal_entries SET memo = 'draft' WHERE id = $1", [id]);
    });
    await asApp(org.id, (c) => c.query("DELETE FROM finance.journal_entries WHERE id = $1", [id]).then(() => undefined));
    const { rows } = await t.owner.query("SELECT count(*)::int AS n FROM finance.journal_lines WHERE entry_id = $1", [id]);
    expect(rows[0].n).toBe(0);
  });

  it("a line is a debit or a credit, greater than zero, never both", async () => {
    for (const [debit, credit] of [["1", "1"], ["0", "0"], ["-1", "0"]]) {
      await expect(
        asApp(org.id, async (c) => {
          const id = await writeEntry(c, org.id, [], { post: false });
          await c.query(
            `INSERT INTO finance.journal_lines (id, organization_id, entry_id, line_number, account_id, entry_date, debit, credit, currency)
             VALUES ($1, $2, $3, 1, $4, '2026-03-01', $5, $6, 'EUR')`,
            [uuidv7(), org.id, id, bank, debit, credit],
          );
        }),
      ).rejects.toThrow(/journal_lines_debit_xor_credit_check/);
    }
  });
});
