/** The lock date, its history and the year-end close, through HTTP. */
import { randomUUID } from "node:crypto";
import { permissions } from "../../permissions";
import { accountsOf, draft, post, transfer } from "../../../test/ledger-fixtures";
import { startFinanceTestApp, type FinanceTestApp } from "../../../test/harness";
import { addDays, fiscalYearOf } from "./fiscal-year";
import { todayUtc } from "./lock-periods";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp({ poolMax: 20 });
});
afterAll(() => t.close());

/** An organization with its default chart, and its accounts by name. */
async function ledger(profile?: { baseCurrency: string; fiscalYearStartMonth: number }) {
  const org = t.organization(profile);
  return { ...org, a: await accountsOf(t, org.api) };
}

/** The fiscal year (January start) that ended last: closable. */
const lastYear = fiscalYearOf(todayUtc(), 1).fiscalYear - 1;

async function postedCountThrough(organizationId: string, date: string): Promise<number> {
  const { rows } = await t.owner.query<{ n: string }>(
    "SELECT count(*) AS n FROM finance.journal_entries WHERE organization_id = $1 AND status = 'posted' AND entry_date <= $2",
    [organizationId, date],
  );
  return Number(rows[0]!.n);
}

describe("the lock date", () => {
  it("refuses posting and reversing on or before it (422 PERIOD_LOCKED), keeps after it open, and records the lock", async () => {
    const userId = randomUUID();
    const org = await ledger();
    const api = t.api(t.token(org.id, undefined, { userId }));
    const early = await post(api, transfer("2026-03-10", org.a.bank, org.a.sales, "100.00"));

    const locked = await api.post("/periods/lock", { lockedThrough: "2026-03-31" });
    expect([locked.status, locked.body.data]).toEqual([200, { lockedThrough: "2026-03-31" }]);

    const onLockDate = await draft(api, transfer("2026-03-31", org.a.bank, org.a.sales, "5.00"));
    const refused = await api.post(`/journal-entries/${onLockDate.id}/post`);
    expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([
      422,
      "PERIOD_LOCKED",
      [{ path: "date", message: "Must be after the lock date 2026-03-31" }],
    ]);
    expect((await api.get(`/journal-entries/${onLockDate.id}`)).body.data).toMatchObject({ status: "draft", number: null });
    await post(api, transfer("2026-04-01", org.a.bank, org.a.sales, "5.00"));

    const reversedOnLockDate = await api.post(`/journal-entries/${early.id}/reverse`, { date: "2026-03-31" });
    expect([reversedOnLockDate.status, reversedOnLockDate.body.error.code]).toEqual([422, "PERIOD_LOCKED"]);
    const reversed = await api.post(`/journal-entries/${early.id}/reverse`, { date: "2026-04-02" });
    expect(reversed.status).toBe(201);

    const periods = await api.get("/periods");
    expect(periods.status).toBe(200);
    expect(periods.body.data).toMatchObject({
      lockedThrough: "2026-03-31",
      fiscalYearStartMonth: 1,
      closedFiscalYears: [],
      history: [
        { action: "lock", lockedThrough: "2026-03-31", previousLockedThrough: null, reason: null, actor: { type: "user", id: userId }, at: expect.any(String) },
      ],
    });
    const events = (await t.outbox(org.id)).filter((row) => row.event_type === "finance.period.locked");
    expect(events.map((row) => row.envelope.data)).toEqual([{ lockedThrough: "2026-03-31", previousLockedThrough: null }]);
  });

  it("only moves forward (422 LOCK_NOT_FORWARD) and never past today (422 LOCK_IN_FUTURE)", async () => {
    const org = await ledger();
    expect((await org.api.post("/periods/lock", { lockedThrough: "2026-02-28" })).status).toBe(200);
    for (const lockedThrough of ["2026-02-28", "2026-01-31"]) {
      const res = await org.api.post("/periods/lock", { lockedThrough });
      expect([res.status, res.body.error.code, res.body.error.details[0].path]).toEqual([422, "LOCK_NOT_FORWARD", "lockedThrough"]);
    }
    const tomorrow = addDays(todayUtc(), 1);
    const future = await org.api.post("/periods/lock", { lockedThrough: tomorrow });
    expect([future.status, future.body.error.code]).toEqual([422, "LOCK_IN_FUTURE"]);
    expect((await org.api.post("/periods/lock", { lockedThrough: todayUtc() })).status).toBe(200);
    expect((await org.api.get("/periods")).body.data.history.map((event: { lockedThrough: string }) => event.lockedThrough)).toEqual([
      todayUtc(),
      "2026-02-28",
    ]);
  });

  it.each([
    [{ lockedThrough: "2026-02-30" }, "lockedThrough"],
    [{ lockedThrough: "31.03.2026" }, "lockedThrough"],
    [{}, "lockedThrough"],
    [{ lockedThrough: "2026-01-31", reason: "tidy" }, "reason"],
  ])("answers 400 naming the field for %j", async (body, path) => {
    const org = t.organization();
    const res = await org.api.post("/periods/lock", body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((detail: { path: string }) => detail.path)).toContain(path);
  });

  it("a viewer reads the periods but cannot lock, unlock or close (403); the lock permission does not unlock", async () => {
    const org = t.organization();
    const viewer = t.api(t.viewerToken(org.id));
    expect((await viewer.get("/periods")).status).toBe(200);
    expect((await viewer.post("/periods/lock", { lockedThrough: "2026-01-31" })).status).toBe(403);
    expect((await viewer.post("/periods/unlock", { lockedThrough: null, reason: "because" })).status).toBe(403);
    expect((await viewer.post("/periods/close-year", { fiscalYear: lastYear })).status).toBe(403);
    const controller = t.api(t.token(org.id, [permissions.periodRead, permissions.periodLock]));
    expect((await controller.post("/periods/lock", { lockedThrough: "2026-01-31" })).status).toBe(200);
    expect((await controller.post("/periods/unlock", { lockedThrough: null, reason: "because" })).status).toBe(403);
    expect((await controller.post("/periods/close-year", { fiscalYear: lastYear })).status).toBe(403);
    const noRead = t.api(t.token(org.id, [permissions.reportRead]));
    expect((await noRead.get("/periods")).status).toBe(403);
  });

  it("each organization has its own lock date", async () => {
    const locked = await ledger();
    const other = await ledger();
    expect((await locked.api.post("/periods/lock", { lockedThrough: "2026-05-31" })).status).toBe(200);
    await post(other.api, transfer("2026-05-01", other.a.bank, other.a.sales, "1.00"));
    expect((await other.api.get("/periods")).body.data).toMatchObject({ lockedThrough: null, history: [] });
  });

  it("racing postings on the lock date: each one either committed before the lock or is refused, none slips in after", async () => {
    const org = await ledger();
    const date = "2026-05-15";
    const drafts = await Promise.all(Array.from({ length: 16 }, () => draft(org.api, transfer(date, org.a.bank, org.a.sales, "1.00"))));
    const posts = drafts.map(({ id }) => org.api.post(`/journal-entries/${id}/post`).then((res) => res));
    const lock = await org.api.post("/periods/lock", { lockedThrough: date });
    expect(lock.status).toBe(200);
    const countAtLock = await postedCountThrough(org.id, date);
    const answers = await Promise.all(posts);
    for (const res of answers) {
      expect(res.status === 200 || (res.status === 422 && res.body.error.code === "PERIOD_LOCKED")).toBe(true);
    }
    expect(await postedCountThrough(org.id, date)).toBe(countAtLock);
    expect(answers.filter((res) => res.status === 200)).toHaveLength(countAtLock);
  });
});

describe("unlocking", () => {
  it("moves the lock date back with a reason, recorded with who and when, and the books open again", async () => {
    const userId = randomUUID();
    const org = await ledger();
    const api = t.api(t.token(org.id, undefined, { userId }));
    await api.post("/periods/lock", { lockedThrough: "2026-06-30" });
    const unlocked = await api.post("/periods/unlock", { lockedThrough: "2026-03-31", reason: "Supplier invoice of April found late" });
    expect([unlocked.status, unlocked.body.data]).toEqual([200, { lockedThrough: "2026-03-31" }]);
    await post(api, transfer("2026-04-10", org.a.rent, org.a.bank, "300.00"));

    const lifted = await api.post("/periods/unlock", { lockedThrough: null, reason: "Opening balances to correct" });
    expect([lifted.status, lifted.body.data]).toEqual([200, { lockedThrough: null }]);
    await post(api, transfer("2026-01-02", org.a.bank, org.a.capital, "1000.00"));

    const { history } = (await api.get("/periods")).body.data;
    expect(history).toMatchObject([
      { action: "unlock", lockedThrough: null, previousLockedThrough: "2026-03-31", reason: "Opening balances to correct", actor: { id: userId } },
      { action: "unlock", lockedThrough: "2026-03-31", previousLockedThrough: "2026-06-30", reason: "Supplier invoice of April found late", actor: { id: userId } },
      { action: "lock", lockedThrough: "2026-06-30", previousLockedThrough: null },
    ]);
    const events = (await t.outbox(org.id)).filter((row) => row.event_type === "finance.period.unlocked").map((row) => row.envelope.data);
    expect(events).toEqual([
      { lockedThrough: "2026-03-31", previousLockedThrough: "2026-06-30", reason: "Supplier invoice of April found late" },
      { lockedThrough: null, previousLockedThrough: "2026-03-31", reason: "Opening balances to correct" },
    ]);
  });

  it("refuses with nothing locked (409), a date not before the lock (422 UNLOCK_NOT_BACKWARD), and without a reason (400)", async () => {
    const org = t.organization();
    const nothing = await org.api.post("/periods/unlock", { lockedThrough: null, reason: "nothing to open" });
    expect([nothing.status, nothing.body.error.code]).toEqual([409, "INVALID_STATE"]);
    await org.api.post("/periods/lock", { lockedThrough: "2026-04-30" });
    const forward = await org.api.post("/periods/unlock", { lockedThrough: "2026-05-31", reason: "wrong way" });
    expect([forward.status, forward.body.error.code, forward.body.error.details[0].path]).toEqual([422, "UNLOCK_NOT_BACKWARD", "lockedThrough"]);
    for (const body of [{ lockedThrough: "2026-03-31" }, { lockedThrough: "2026-03-31", reason: " " }, { reason: "no date" }]) {
      const res = await org.api.post("/periods/unlock", body);
      expect(res.status).toBe(400);
    }
    expect((await org.api.get("/periods")).body.data.lockedThrough).toBe("2026-04-30");
  });
});

describe("the year-end close", () => {
  const end = `${lastYear}-12-31`;

  it("moves the year's income and expenses to retained earnings on its last day, locks it, and the reports still agree", async () => {
    const org = await ledger();
    const { a, api } = org;
    await post(api, transfer(`${lastYear}-01-05`, a.bank, a.capital, "5000.00"));
    await post(api, transfer(`${lastYear}-03-10`, a.bank, a.sales, "1000.00"));
    await post(api, transfer(`${lastYear}-06-30`, a.bank, a.otherIncome, "50.00"));
    await post(api, transfer(`${lastYear}-07-01`, a.rent, a.bank, "300.00"));
    await post(api, transfer(`${lastYear + 1}-01-15`, a.bank, a.sales, "80.00"));
    const sheetBefore = (await api.get(`/reports/balance-sheet?asOf=${end}`)).body.data;
    expect(sheetBefore.equity.currentYearEarnings).toBe("750.00");

    const closed = await api.post("/periods/close-year", { fiscalYear: lastYear });
    expect(closed.status).toBe(200);
    expect(closed.body.data).toMatchObject({
      fiscalYear: lastYear,
      start: `${lastYear}-01-01`,
      end,
      entryNumber: `JE-${lastYear}-000005`,
      netIncome: "750.00",
      currency: "EUR",
      lockedThrough: end,
    });
    const entry = (await api.get(`/journal-entries/${closed.body.data.entryId}`)).body.data;
    expect(entry).toMatchObject({ status: "posted", date: end, source: { type: "fiscal_year_closing", id: String(lastYear) } });
    expect(entry.lines.map((line: { accountId: string; debit: string; credit: string }) => [line.accountId, line.debit, line.credit])).toEqual([
      [a.sales, "1000.00", "0.00"],
      [a.otherIncome, "50.00", "0.00"],
      [a.rent, "0.00", "300.00"],
      [a.retainedEarnings, "0.00", "750.00"],
    ]);

    const trial = (await api.get(`/reports/trial-balance?asOf=${end}`)).body.data;
    const closing = Object.fromEntries(trial.rows.map((row: { accountId: string; closing: string }) => [row.accountId, row.closing]));
    expect([closing[a.sales], closing[a.otherIncome], closing[a.rent], closing[a.retainedEarnings]]).toEqual(["0.00", "0.00", "0.00", "-750.00"]);
    expect(trial.totals.debit).toBe(trial.totals.credit);

    const pnl = (await api.get(`/reports/profit-and-loss?from=${lastYear}-01-01&to=${end}`)).body.data;
    expect(pnl.netIncome).toBe("750.00");
    const sheet = (await api.get(`/reports/balance-sheet?asOf=${end}`)).body.data;
    expect(sheet.equity).toMatchObject({ currentYearEarnings: "0.00", unclosedPriorYearsEarnings: "0.00", total: sheetBefore.equity.total });
    expect(sheet.totals.assets).toBe(sheet.totals.liabilitiesAndEquity);
    const nextYear = (await api.get(`/reports/balance-sheet?asOf=${lastYear + 1}-01-31`)).body.data;
    expect(nextYear.equity).toMatchObject({ currentYearEarnings: "80.00", unclosedPriorYearsEarnings: "0.00" });

    const periods = (await api.get("/periods")).body.data;
    expect(periods).toMatchObject({
      lockedThrough: end,
      closedFiscalYears: [{ fiscalYear: lastYear, start: `${lastYear}-01-01`, end, entryId: closed.body.data.entryId, entryNumber: `JE-${lastYear}-000005` }],
      history: [{ action: "lock", lockedThrough: end, reason: `Fiscal year ${lastYear} closed` }],
    });
    expect(await t.outboxTypes(org.id)).toContain("finance.period.locked");

    const again = await api.post("/periods/close-year", { fiscalYear: lastYear });
    expect([again.status, again.body.error.code]).toEqual([409, "INVALID_STATE"]);
    const reopen = await api.post("/periods/unlock", { lockedThrough: `${lastYear}-11-30`, reason: "one more invoice" });
    expect([reopen.status, reopen.body.error.code]).toEqual([422, "FISCAL_YEAR_CLOSED"]);
    const late = await draft(api, transfer(`${lastYear}-12-20`, a.bank, a.sales, "1.00"));
    expect((await api.post(`/journal-entries/${late.id}/post`)).body.error.code).toBe("PERIOD_LOCKED");
  });

  it("refuses a year that has not ended, one with nothing to close, and one whose last day is locked (422)", async () => {
    const org = await ledger();
    const current = fiscalYearOf(todayUtc(), 1).fiscalYear;
    const notEnded = await org.api.post("/periods/close-year", { fiscalYear: current });
    expect([notEnded.status, notEnded.body.error.code, notEnded.body.error.details[0].path]).toEqual([422, "FISCAL_YEAR_NOT_ENDED", "fiscalYear"]);
    await post(org.api, transfer(`${lastYear}-02-01`, org.a.bank, org.a.capital, "10.00"));
    const nothing = await org.api.post("/periods/close-year", { fiscalYear: lastYear });
    expect([nothing.status, nothing.body.error.code]).toEqual([422, "NOTHING_TO_CLOSE"]);
    await post(org.api, transfer(`${lastYear}-02-02`, org.a.bank, org.a.sales, "10.00"));
    await org.api.post("/periods/lock", { lockedThrough: end });
    const locked = await org.api.post("/periods/close-year", { fiscalYear: lastYear });
    expect([locked.status, locked.body.error.code, locked.body.error.details[0].path]).toEqual([422, "PERIOD_LOCKED", "fiscalYear"]);
    expect((await org.api.get("/periods")).body.data.closedFiscalYears).toEqual([]);
  });

  it("needs a retained-earnings account named when the chart has several, and only one of the organization's own", async () => {
    const org = await ledger();
    const other = await ledger();
    await post(org.api, transfer(`${lastYear}-05-05`, org.a.bank, org.a.sales, "20.00"));
    const second = await org.api.post("/accounts", { code: "3210", name: "Retained earnings (reserve)", type: "equity", subtype: "retained_earnings", parentId: org.a.equity });
    expect(second.status).toBe(201);
    const several = await org.api.post("/periods/close-year", { fiscalYear: lastYear });
    expect([several.status, several.body.error.code, several.body.error.details[0].path]).toEqual([
      422,
      "RETAINED_EARNINGS_ACCOUNT_REQUIRED",
      "retainedEarningsAccountId",
    ]);
    const theirs = await org.api.post("/periods/close-year", { fiscalYear: lastYear, retainedEarningsAccountId: other.a.retainedEarnings });
    expect([theirs.status, theirs.body.error.code]).toEqual([422, "RETAINED_EARNINGS_ACCOUNT_REQUIRED"]);
    const notRetained = await org.api.post("/periods/close-year", { fiscalYear: lastYear, retainedEarningsAccountId: org.a.capital });
    expect([notRetained.status, notRetained.body.error.code]).toEqual([422, "RETAINED_EARNINGS_ACCOUNT_REQUIRED"]);
    const chosen = await org.api.post("/periods/close-year", { fiscalYear: lastYear, retainedEarningsAccountId: second.body.data.id });
    expect(chosen.status).toBe(200);
    const entry = (await org.api.get(`/journal-entries/${chosen.body.data.entryId}`)).body.data;
    expect(entry.lines.at(-1)).toMatchObject({ accountId: second.body.data.id, credit: "20.00" });
  });

  it("closes a fiscal year that starts in April on its last day in March", async () => {
    const org = await ledger({ baseCurrency: "EUR", fiscalYearStartMonth: 4 });
    const year = fiscalYearOf(todayUtc(), 4).fiscalYear - 1;
    await post(org.api, transfer(`${year}-04-01`, org.a.bank, org.a.sales, "40.00"));
    await post(org.api, transfer(`${year + 1}-03-31`, org.a.salaries, org.a.bank, "15.00"));
    const closed = await org.api.post("/periods/close-year", { fiscalYear: year });
    expect(closed.body.data).toMatchObject({ fiscalYear: year, start: `${year}-04-01`, end: `${year + 1}-03-31`, netIncome: "25.00" });
    const periods = (await org.api.get("/periods")).body.data;
    expect(periods).toMatchObject({ fiscalYearStartMonth: 4, currentFiscalYear: fiscalYearOf(todayUtc(), 4) });
  });

  it.each([[{}], [{ fiscalYear: "2025" }], [{ fiscalYear: 2025.5 }], [{ fiscalYear: 2025, retainedEarningsAccountId: "x" }], [{ fiscalYear: 2025, extra: 1 }]])(
    "answers 400 for %j",
    async (body) => {
      const res = await t.organization().api.post("/periods/close-year", body);
      expect([res.status, res.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    },
  );
});
