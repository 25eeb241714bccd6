/**
 * The ledger's promises under random use: fast-check runs random sequences of operations through
 * HTTP (create, edit, post and reverse entries, lock the books, post several entries at once, send
 * bad input) on a fresh organization, and after every step checks that
 * - every posted entry balances in the base currency (and matches its stored totals),
 * - the trial balance's debits equal its credits, and every account's closing balance is what the
 *   accepted postings add up to,
 * - the balance sheet balances,
 * - nothing was posted on or before the lock date once it was set,
 * - posted entries never change (their rows and lines, snapshotted when posted),
 * - entry numbers are unique and gap-free within each fiscal year, and the hash chain is intact.
 */
import fc from "fast-check";
import { Decimal } from "@erp/money";
import { accountsOf, type Accounts } from "./ledger-fixtures";
import { startFinanceTestApp, type Api, type FinanceTestApp } from "./harness";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp({ poolMax: 20 });
});
afterAll(() => t.close());

const ACCOUNTS = ["bank", "cash", "prepaid", "accrued", "capital", "sales", "otherIncome", "rent", "salaries"] as const;
type AccountName = (typeof ACCOUNTS)[number];
const FIRST_DAY = Date.UTC(2026, 0, 1);
const dayOf = (offset: number) => new Date(FIRST_DAY + offset * 86_400_000).toISOString().slice(0, 10);
/** Days within the first half of 2026: past, so every lock date is allowed. */
const day = fc.integer({ min: 0, max: 180 });
const cents = fc.integer({ min: 1, max: 5_000_000 });
const money = (value: Decimal) => value.toFixed(2);

interface LineSpec {
  account: AccountName;
  side: "debit" | "credit";
  amount: Decimal;
}

/** Lines that balance (`balanced`) or are off by one cent. */
const lineSpecs = fc
  .record({
    debits: fc.array(fc.tuple(fc.constantFrom(...ACCOUNTS), cents), { minLength: 1, maxLength: 3 }),
    credits: fc.array(fc.constantFrom(...ACCOUNTS), { minLength: 1, maxLength: 3 }),
    balanced: fc.boolean(),
  })
  .map(({ debits, credits, balanced }): { lines: LineSpec[]; balanced: boolean } => {
    const total = debits.reduce((sum, [, value]) => sum + value, 0);
    if (total < credits.length) return { lines: [], balanced: false };
    const share = Math.floor(total / credits.length);
    const lines: LineSpec[] = [
      ...debits.map(([account, value]): LineSpec => ({ account, side: "debit", amount: new Decimal(value).dividedBy(100) })),
      ...credits.map((account, index): LineSpec => {
        const value = index === 0 ? total - share * (credits.length - 1) + (balanced ? 0 : 1) : share;
        return { account, side: "credit", amount: new Decimal(value).dividedBy(100) };
      }),
    ];
    return { lines, balanced };
  })
  .filter(({ lines }) => lines.length >= 2);

interface DraftState {
  id: string;
  date: string;
  lines: LineSpec[];
  balanced: boolean;
}

interface PostedState {
  id: string;
  date: string;
  lines: LineSpec[];
  /** False once it has been reversed: an entry is reversed at most once (409 after). */
  reversible: boolean;
}

/** What the test knows: the model the checks compare the ledger with. */
interface Ledger {
  api: Api;
  organizationId: string;
  accounts: Accounts;
  drafts: DraftState[];
  posted: PostedState[];
  lockedThrough: string | null;
  /** Posted entries dated on or before the lock date, counted when it was set. */
  postedThroughLock: number;
  /** Each posted entry's rows as they were when posted. */
  snapshots: Map<string, string>;
}

const body = (date: string, lines: LineSpec[], accounts: Accounts) => ({
  date,
  lines: lines.map((line) => ({ accountId: accounts[line.account], [line.side]: money(line.amount) })),
});

/** Why a posting on `date` of lines that are `balanced` is refused, if it is. */
function refusalOf(ledger: Ledger, date: string, balanced: boolean): string[] | null {
  const locked = ledger.lockedThrough !== null && date <= ledger.lockedThrough;
  if (!balanced && locked) return ["ENTRY_NOT_BALANCED", "PERIOD_LOCKED"];
  if (!balanced) return ["ENTRY_NOT_BALANCED"];
  return locked ? ["PERIOD_LOCKED"] : null;
}

async function recordPosted(ledger: Ledger, entry: PostedState): Promise<void> {
  ledger.posted.push(entry);
  ledger.snapshots.set(entry.id, await snapshot(entry.id));
}

type Step = fc.AsyncCommand<Ledger, Ledger>;

/** Each step, then every check. */
function checked(step: Step): Step {
  return {
    check: (ledger) => step.check(ledger),
    run: async (ledger) => {
      await step.run(ledger, ledger);
      await checkInvariants(ledger);
    },
    toString: () => step.toString(),
  };
}

class CreateDraft implements Step {
  constructor(
    readonly offset: number,
    readonly spec: { lines: LineSpec[]; balanced: boolean },
  ) {}
  check = () => true;
  async run(ledger: Ledger) {
    const date = dayOf(this.offset);
    const res = await ledger.api.post("/journal-entries", body(date, this.spec.lines, ledger.accounts));
    expect(res.status).toBe(201);
    ledger.drafts.push({ id: res.body.data.id, date, ...this.spec });
  }
  toString = () => `create(${dayOf(this.offset)}, ${this.spec.lines.length} lines, ${this.spec.balanced ? "balanced" : "unbalanced"})`;
}

class EditDraft implements Step {
  constructor(
    readonly pick: number,
    readonly offset: number,
    readonly spec: { lines: LineSpec[]; balanced: boolean },
  ) {}
  check = (ledger: Readonly<Ledger>) => ledger.drafts.length > 0;
  async run(ledger: Ledger) {
    const draft = ledger.drafts[this.pick % ledger.drafts.length]!;
    const date = dayOf(this.offset);
    const res = await ledger.api.patch(`/journal-entries/${draft.id}`, body(date, this.spec.lines, ledger.accounts));
    expect(res.status).toBe(200);
    Object.assign(draft, { date, ...this.spec });
  }
  toString = () => `edit(#${this.pick}, ${dayOf(this.offset)}, ${this.spec.balanced ? "balanced" : "unbalanced"})`;
}

class PostDraft implements Step {
  constructor(readonly pick: number) {}
  check = (ledger: Readonly<Ledger>) => ledger.drafts.length > 0;
  async run(ledger: Ledger) {
    const index = this.pick % ledger.drafts.length;
    const draft = ledger.drafts[index]!;
    const res = await ledger.api.post(`/journal-entries/${draft.id}/post`);
    const refusal = refusalOf(ledger, draft.date, draft.balanced);
    if (refusal) {
      expect([res.status, refusal.includes(res.body.error?.code)]).toEqual([422, true]);
      return;
    }
    expect(res.status).toBe(200);
    ledger.drafts.splice(index, 1);
    await recordPosted(ledger, { id: draft.id, date: draft.date, lines: draft.lines, reversible: true });
  }
  toString = () => `post(#${this.pick})`;
}

class Reverse implements Step {
  constructor(
    readonly pick: number,
    readonly daysLater: number,
  ) {}
  check = (ledger: Readonly<Ledger>) => ledger.posted.length > 0;
  async run(ledger: Ledger) {
    const original = ledger.posted[this.pick % ledger.posted.length]!;
    const date = dayOf(Math.round((Date.parse(original.date) - FIRST_DAY) / 86_400_000) + this.daysLater);
    const res = await ledger.api.post(`/journal-entries/${original.id}/reverse`, { date });
    if (!original.reversible) {
      expect(res.status).toBe(409);
      return;
    }
    const refusal = refusalOf(ledger, date, true);
    if (refusal) {
      expect([res.status, res.body.error.code]).toEqual([422, "PERIOD_LOCKED"]);
      return;
    }
    expect(res.status).toBe(201);
    original.reversible = false;
    const swapped = original.lines.map((line): LineSpec => ({ ...line, side: line.side === "debit" ? "credit" : "debit" }));
    // A reversal is an entry like any other: it may itself be reversed, once.
    await recordPosted(ledger, { id: res.body.data.id, date, lines: swapped, reversible: true });
  }
  toString = () => `reverse(#${this.pick}, +${this.daysLater} days)`;
}

class Lock implements Step {
  constructor(readonly offset: number) {}
  check = () => true;
  async run(ledger: Ledger) {
    const lockedThrough = dayOf(this.offset);
    const res = await ledger.api.post("/periods/lock", { lockedThrough });
    if (ledger.lockedThrough !== null && lockedThrough <= ledger.lockedThrough) {
      expect([res.status, res.body.error.code]).toEqual([422, "LOCK_NOT_FORWARD"]);
      return;
    }
    expect(res.status).toBe(200);
    ledger.lockedThrough = lockedThrough;
    ledger.postedThroughLock = await postedThrough(ledger.organizationId, lockedThrough);
  }
  toString = () => `lock(${dayOf(this.offset)})`;
}

/** Several drafts of one date posted at the same moment. */
class ConcurrentPosts implements Step {
  constructor(
    readonly offset: number,
    readonly specs: { lines: LineSpec[]; balanced: boolean }[],
  ) {}
  check = () => true;
  async run(ledger: Ledger) {
    const date = dayOf(this.offset);
    const drafts = [];
    for (const spec of this.specs) {
      const res = await ledger.api.post("/journal-entries", body(date, spec.lines, ledger.accounts));
      expect(res.status).toBe(201);
      drafts.push({ id: res.body.data.id as string, date, ...spec });
    }
    const answers = await Promise.all(drafts.map((draft) => ledger.api.post(`/journal-entries/${draft.id}/post`)));
    for (const [index, res] of answers.entries()) {
      const draft = drafts[index]!;
      const refusal = refusalOf(ledger, date, draft.balanced);
      if (refusal) {
        expect([res.status, refusal.includes(res.body.error?.code)]).toEqual([422, true]);
        ledger.drafts.push(draft);
      } else {
        expect(res.status).toBe(200);
        await recordPosted(ledger, { id: draft.id, date, lines: draft.lines, reversible: true });
      }
    }
  }
  toString = () => `concurrently(${this.specs.length} posts on ${dayOf(this.offset)})`;
}

/** Requests the API must refuse without changing anything. */
class BadInput implements Step {
  constructor(readonly kind: number) {}
  check = () => true;
  async run(ledger: Ledger) {
    const { api, accounts } = ledger;
    const posted = ledger.posted[0];
    const attempts: [() => Promise<{ status: number }>, number][] = [
      [() => api.post("/journal-entries", { date: "2026-02-30", lines: [] }), 400],
      [() => api.post("/journal-entries", { date: "2026-02-01", lines: [{ accountId: accounts.bank, debit: "1", credit: "1" }] }), 400],
      [() => api.post("/journal-entries/0193a1b2-0000-7000-8000-00000000dead/post"), 404],
      [() => api.post("/periods/lock", { lockedThrough: "someday" }), 400],
      [() => api.get("/reports/trial-balance?asOf=2026-06-31"), 400],
      [() => (posted ? api.patch(`/journal-entries/${posted.id}`, { memo: "changed" }) : api.post("/periods/lock", {})), posted ? 409 : 400],
      [() => (posted ? api.delete(`/journal-entries/${posted.id}`) : api.post("/periods/unlock", {})), posted ? 409 : 400],
      [() => (posted ? api.post(`/journal-entries/${posted.id}/post`) : api.get("/periods?x=1")), posted ? 409 : 400],
    ];
    const [attempt, status] = attempts[this.kind % attempts.length]!;
    expect((await attempt()).status).toBe(status);
  }
  toString = () => `bad input #${this.kind}`;
}

const steps: fc.Arbitrary<Step>[] = [
  fc.tuple(day, lineSpecs).map(([offset, spec]) => new CreateDraft(offset, spec)),
  fc.tuple(fc.nat(), day, lineSpecs).map(([pick, offset, spec]) => new EditDraft(pick, offset, spec)),
  fc.nat().map((pick) => new PostDraft(pick)),
  fc.nat().map((pick) => new PostDraft(pick)),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 20 })).map(([pick, later]) => new Reverse(pick, later)),
  day.map((offset) => new Lock(offset)),
  fc.tuple(day, fc.array(lineSpecs, { minLength: 2, maxLength: 6 })).map(([offset, specs]) => new ConcurrentPosts(offset, specs)),
  fc.nat().map((kind) => new BadInput(kind)),
];

// ── The checks after every step ─────────────────────────────────────────────────────────────────

async function postedThrough(organizationId: string, date: string): Promise<number> {
  const { rows } = await t.owner.query<{ n: string }>(
    "SELECT count(*) AS n FROM finance.journal_entries WHERE organization_id = $1 AND status = 'posted' AND entry_date <= $2",
    [organizationId, date],
  );
  return Number(rows[0]!.n);
}

/** A posted entry's stored rows (entry and lines) as text. */
async function snapshot(entryId: string): Promise<string> {
  const { rows } = await t.owner.query<{ rows: string }>(
    `SELECT row_to_json(e)::text || (SELECT json_agg(l ORDER BY l.line_number)::text FROM finance.journal_lines l WHERE l.entry_id = e.id) AS rows
     FROM finance.journal_entries e WHERE e.id = $1`,
    [entryId],
  );
  return rows[0]!.rows;
}

async function checkInvariants(ledger: Ledger): Promise<void> {
  const { organizationId, api } = ledger;
  const { rows: unbalanced } = await t.owner.query(
    `SELECT e.number FROM finance.journal_entries e JOIN finance.journal_lines l ON l.entry_id = e.id
     WHERE e.organization_id = $1 AND e.status = 'posted'
     GROUP BY e.id HAVING sum(l.base_debit) <> sum(l.base_credit) OR sum(l.base_debit) <> e.base_total_debit OR count(*) < 2`,
    [organizationId],
  );
  expect(unbalanced).toEqual([]);

  const { rows: numbering } = await t.owner.query<{ fiscal_year: number; n: string; distinct: string; highest: number; lowest: number }>(
    `SELECT fiscal_year, count(*) AS n, count(DISTINCT number) AS distinct, max(sequence) AS highest, min(sequence) AS lowest
     FROM finance.journal_entries WHERE organization_id = $1 AND status = 'posted' GROUP BY fiscal_year`,
    [organizationId],
  );
  for (const year of numbering) expect([year.lowest, Number(year.distinct), year.highest]).toEqual([1, Number(year.n), Number(year.n)]);
  expect(numbering.reduce((sum, year) => sum + Number(year.n), 0)).toBe(ledger.posted.length);

  for (const [id, before] of ledger.snapshots) expect(await snapshot(id)).toBe(before);
  if (ledger.lockedThrough !== null) expect(await postedThrough(organizationId, ledger.lockedThrough)).toBe(ledger.postedThroughLock);

  const trial = await api.get("/reports/trial-balance?asOf=2026-12-31");
  expect(trial.status).toBe(200);
  const { totals, rows } = trial.body.data;
  expect([totals.debit, totals.openingDebit, totals.closingDebit]).toEqual([totals.credit, totals.openingCredit, totals.closingCredit]);
  const expected = new Map<string, Decimal>();
  for (const entry of ledger.posted) {
    for (const line of entry.lines) {
      const id = ledger.accounts[line.account];
      expected.set(id, (expected.get(id) ?? new Decimal(0)).plus(line.side === "debit" ? line.amount : line.amount.negated()));
    }
  }
  const closing = new Map((rows as { accountId: string; closing: string }[]).map((row) => [row.accountId, row.closing]));
  for (const id of new Set([...expected.keys(), ...closing.keys()])) expect([id, closing.get(id) ?? "0.00"]).toEqual([id, money(expected.get(id) ?? new Decimal(0))]);

  const sheet = await api.get("/reports/balance-sheet?asOf=2026-12-31");
  expect(sheet.body.data.totals.assets).toBe(sheet.body.data.totals.liabilitiesAndEquity);

  const integrity = await api.get("/reports/ledger-integrity");
  expect(integrity.body.data).toMatchObject({ status: "intact", entriesChecked: ledger.posted.length });
}


it("keeps every promise of the ledger through random sequences of operations", async () => {
  await fc.assert(
    fc.asyncProperty(fc.commands(steps.map((step) => step.map(checked)), { maxCommands: 14 }), async (commands) => {
      const org = t.organization();
      const ledger: Ledger = {
        api: org.api,
        organizationId: org.id,
        accounts: await accountsOf(t, org.api),
        drafts: [],
        posted: [],
        lockedThrough: null,
        postedThroughLock: 0,
        snapshots: new Map(),
      };
      await fc.asyncModelRun(() => ({ model: ledger, real: ledger }), commands);
    }),
    { numRuns: 12, endOnFailure: true },
  );
}, 180_000);
