/**
 * /reimbursements through the finance app and a real database: a claim's whole path (draft →
 * submit → approve, posted with the employee as the payable's party → pay, the payable back to 0),
 * rejection, the claimant rules (nobody approves, rejects or pays their own claim: 403), every
 * illegal transition (409), validation (400 / 422 naming the line, nothing written), permissions
 * (403) and organizations (404).
 */
import { randomUUID } from "node:crypto";
import { startFinanceTestApp, type Api, type FinanceTestApp } from "../../../test/harness";
import { trialBalance as ledgerTrialBalance } from "../bank-accounts/bank-account.fixtures";
import { taxRateFixture } from "../documents/document-fixtures";
import { organizationWithLedger, type TestOrganization } from "../payments/payment.fixtures";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

/** The date `n` days from today (UTC). */
const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

interface Claim {
  id: string;
  number: string | null;
  status: string;
  claimantId: string;
  total: string;
  journalEntryId: string | null;
  paymentEntryId: string | null;
  history: { from: string | null; to: string; actor: { type: string; id: string }; reason: string | null }[];
}

/** An organization with two members: `employee` claims, `manager` approves and pays (both hold every permission). */
async function setUp() {
  const org = await organizationWithLedger(t);
  const employeeId = randomUUID();
  const managerId = randomUUID();
  const employee = t.api(t.token(org.id, undefined, { userId: employeeId }));
  const manager = t.api(t.token(org.id, undefined, { userId: managerId }));
  const [bank, office, travel, inputTax, payable] = await Promise.all(["1120", "6400", "6500", "1400", "2400"].map(async (code) => (await t.account(org.api, code)).id));
  return { org, employee, employeeId, manager, managerId, bank: bank!, office: office!, travel: travel!, inputTax: inputTax!, payable: payable! };
}

const ok = async (res: { status: number; body: { data: Claim } }, status = 200): Promise<Claim> => {
  if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
};

const draft = (api: Api, office: string, extra: Record<string, unknown> = {}) =>
  api.post("/reimbursements", { date: "2026-03-20", lines: [{ date: "2026-03-18", accountId: office, amount: "30.00", description: "Printer paper" }], ...extra });

/** A claim of `employee` taken to `status` by `manager`. */
async function claimIn(s: Awaited<ReturnType<typeof setUp>>, status: "draft" | "submitted" | "approved" | "rejected" | "paid"): Promise<Claim> {
  let claim = await ok(await draft(s.employee, s.office), 201);
  if (status === "draft") return claim;
  claim = await ok(await s.employee.post(`/reimbursements/${claim.id}/submit`, {}));
  if (status === "submitted") return claim;
  if (status === "rejected") return ok(await s.manager.post(`/reimbursements/${claim.id}/reject`, { reason: "No receipt" }));
  claim = await ok(await s.manager.post(`/reimbursements/${claim.id}/approve`, { date: "2026-03-25" }));
  if (status === "approved") return claim;
  return ok(await s.manager.post(`/reimbursements/${claim.id}/pay`, { bankAccountId: s.bank, date: "2026-03-31" }));
}

/** The trial balance balances; the closing balance of each code asked for. */
async function trialBalance(org: TestOrganization, ...codes: string[]) {
  const report = await ledgerTrialBalance(org.api);
  expect(report.balanced).toBe(true);
  return codes.map(report.closing);
}

async function countRows(orgId: string): Promise<number[]> {
  return Promise.all(
    ["reimbursements", "reimbursement_lines", "reimbursement_transitions"].map(async (table) => {
      const { rows } = await t.owner.query<{ n: string }>(`SELECT count(*)::text AS n FROM finance.${table} WHERE organization_id = $1`, [orgId]);
      return Number(rows[0]!.n);
    }),
  );
}

const lines = async (api: Api, entryId: string) =>
  ((await api.get(`/journal-entries/${entryId}`)).body.data.lines as Record<string, unknown>[]).map((l) => [l.accountId, l.debit, l.credit, l.party]);

describe("a reimbursement claim's path", () => {
  it("draft → submit (RMB-2026-0001) → approve (Dr expenses + input tax / Cr employee payable, the employee as party) → pay (payable back to 0), each step in the history and the outbox", async () => {
    const s = await setUp();
    const purchaseTax = await taxRateFixture(s.org.api, { rate: "20", appliesTo: "purchase" });
    const created = await s.employee.post("/reimbursements", {
      date: "2026-03-20",
      description: "Client visit, Lyon",
      lines: [
        { date: "2026-03-18", accountId: s.travel, amount: "120.00", taxRateId: purchaseTax, description: "Train ticket" },
        { date: "2026-03-19", accountId: s.office, amount: "10.01", description: "Pens" },
        { date: "2026-03-19", accountId: s.travel, amount: "33.33", taxRateId: purchaseTax, description: "Taxi" },
      ],
    });
    const claim = await ok(created, 201);
    expect(created.headers.location).toBe(`/api/v1/finance/reimbursements/${claim.id}`);
    // 120.00 at 20 % included: tax 20.00; 33.33: tax round(5.555) = 5.56, net 27.77.
    expect(claim).toMatchObject({
      number: null,
      status: "draft",
      claimantId: s.employeeId,
      currency: "EUR",
      netAmount: "137.78",
      taxAmount: "25.56",
      total: "163.34",
      lines: [
        { accountId: s.travel, amount: "120.00", taxRate: "20", taxAmount: "20.00", netAmount: "100.00", date: "2026-03-18" },
        { accountId: s.office, amount: "10.01", taxRateId: null, taxAmount: "0.00", netAmount: "10.01" },
        { accountId: s.travel, amount: "33.33", taxAmount: "5.56", netAmount: "27.77" },
      ],
      history: [{ from: null, to: "draft", actor: { type: "user", id: s.employeeId }, reason: null }],
    });

    const submitted = await ok(await s.employee.post(`/reimbursements/${claim.id}/submit`, {}));
    expect(submitted).toMatchObject({ status: "submitted", number: "RMB-2026-0001" });

    const approved = await ok(await s.manager.post(`/reimbursements/${claim.id}/approve`, { date: "2026-03-25" }));
    expect(approved).toMatchObject({ status: "approved", exchangeRate: "1", baseTotal: "163.34", approvedDate: "2026-03-25" });
    const entry = (await s.org.api.get(`/journal-entries/${approved.journalEntryId}`)).body.data;
    expect(entry).toMatchObject({ status: "posted", source: { type: "reimbursement", id: claim.id }, date: "2026-03-25" });
    const employee = { type: "employee", id: s.employeeId };
    expect(await lines(s.org.api, approved.journalEntryId!)).toEqual([
      [s.travel, "100.00", "0.00", null],
      [s.office, "10.01", "0.00", null],
      [s.travel, "27.77", "0.00", null],
      [s.inputTax, "25.56", "0.00", null],
      [s.payable, "0.00", "163.34", employee],
    ]);
    expect(await trialBalance(s.org, "6500", "6400", "1400", "2400", "1120")).toEqual(["127.77", "10.01", "25.56", "-163.34", "0.00"]);

    const paid = await ok(await s.manager.post(`/reimbursements/${claim.id}/pay`, { bankAccountId: s.bank, date: "2026-03-31" }));
    expect(paid).toMatchObject({ status: "paid", bankAccountId: s.bank, paidDate: "2026-03-31" });
    const payment = (await s.org.api.get(`/journal-entries/${paid.paymentEntryId}`)).body.data;
    expect(payment.source).toEqual({ type: "reimbursement_payment", id: claim.id });
    expect(await lines(s.org.api, paid.paymentEntryId!)).toEqual([
      [s.payable, "163.34", "0.00", employee],
      [s.bank, "0.00", "163.34", null],
    ]);
    expect(await trialBalance(s.org, "2400", "1120")).toEqual(["0.00", "-163.34"]);
    const ledger = await s.org.api.get(`/reports/general-ledger?accountId=${s.payable}&from=2026-01-01&to=2026-12-31`);
    expect(ledger.status).toBe(200);
    expect(ledger.body.data.lines.map((l: Record<string, string>) => [l.partyType, l.partyId, l.debit, l.credit])).toEqual([
      ["employee", s.employeeId, "0.00", "163.34"],
      ["employee", s.employeeId, "163.34", "0.00"],
    ]);

    expect(paid.history.map((h) => [h.from, h.to, h.actor.id])).toEqual([
      [null, "draft", s.employeeId],
      ["draft", "submitted", s.employeeId],
      ["submitted", "approved", s.managerId],
      ["approved", "paid", s.managerId],
    ]);
    expect((await s.org.api.get(`/reimbursements/${claim.id}`)).body.data).toEqual(paid);
    const events = (await t.outbox(s.org.id)).filter((row) => row.event_type.startsWith("finance.reimbursement."));
    expect(events.map((row) => [row.event_type, row.envelope.actor.id])).toEqual([
      ["finance.reimbursement.submitted", s.employeeId],
      ["finance.reimbursement.approved", s.managerId],
      ["finance.reimbursement.paid", s.managerId],
    ]);
    expect(events[1]!.envelope.data).toMatchObject({ number: "RMB-2026-0001", claimantId: s.employeeId, total: "163.34", taxAmount: "25.56", currency: "EUR", baseTotal: "163.34" });
    expect(events[2]!.envelope.data).toMatchObject({ total: "163.34", currency: "EUR", bankAccountId: s.bank, date: "2026-03-31" });
    // The journal's reverse route refuses the claim's entries.
    expect((await s.org.api.post(`/journal-entries/${approved.journalEntryId}/reverse`, { date: "2026-04-01" })).status).toBe(409);
  });

  it("the claimant edits and deletes their draft; reject keeps the reason, nothing is posted", async () => {
    const s = await setUp();
    const claim = await ok(await draft(s.employee, s.office), 201);
    const edited = await ok(await s.employee.patch(`/reimbursements/${claim.id}`, { description: "Office", lines: [{ date: "2026-03-18", accountId: s.travel, amount: "45.50", description: "Bus" }] }));
    expect(edited).toMatchObject({ description: "Office", total: "45.50", lines: [{ accountId: s.travel, amount: "45.50" }] });
    expect((await s.manager.patch(`/reimbursements/${claim.id}`, { description: "Mine" })).status).toBe(403);
    expect((await s.manager.delete(`/reimbursements/${claim.id}`)).status).toBe(403);
    expect((await s.manager.post(`/reimbursements/${claim.id}/submit`, {})).status).toBe(403);

    const other = await ok(await draft(s.employee, s.office), 201);
    expect((await s.employee.delete(`/reimbursements/${other.id}`)).status).toBe(204);
    expect((await s.employee.get(`/reimbursements/${other.id}`)).status).toBe(404);

    await ok(await s.employee.post(`/reimbursements/${claim.id}/submit`, {}));
    const empty = await s.manager.post(`/reimbursements/${claim.id}/reject`, {});
    expect([empty.status, empty.body.error.details[0].path]).toEqual([400, "reason"]);
    const rejected = await ok(await s.manager.post(`/reimbursements/${claim.id}/reject`, { reason: "No receipt for the bus" }));
    expect(rejected).toMatchObject({ status: "rejected", rejectionReason: "No receipt for the bus", journalEntryId: null });
    expect(rejected.history.at(-1)).toMatchObject({ from: "submitted", to: "rejected", actor: { id: s.managerId }, reason: "No receipt for the bus" });
    const events = (await t.outbox(s.org.id)).filter((row) => row.event_type === "finance.reimbursement.rejected");
    expect(events.map((row) => row.envelope.data)).toEqual([expect.objectContaining({ number: rejected.number, total: "45.50", currency: "EUR", reason: "No receipt for the bus" })]);
    expect(await trialBalance(s.org, "2400")).toEqual(["0.00"]);
  });
});

describe("a claim in a foreign currency", () => {
  it("approved at the organization's rate (100.00 USD at 0.9 = 90.00), paid from a USD bank at 0.95: the payable goes back to 0 and 5.00 is an exchange loss", async () => {
    const s = await setUp();
    const usdBank = (await s.org.api.post("/accounts", { code: "1125", name: "Bank USD", type: "asset", subtype: "bank", currency: "USD" })).body.data.id;
    expect((await s.org.api.post("/exchange-rates", { currency: "USD", effectiveDate: "2026-03-01", rate: "0.9" })).status).toBe(201);
    const claim = await ok(await draft(s.employee, s.office, { currency: "USD", lines: [{ date: "2026-03-18", accountId: s.office, amount: "100.00", description: "Conference fee" }] }), 201);
    await ok(await s.employee.post(`/reimbursements/${claim.id}/submit`, {}));
    const approved = await ok(await s.manager.post(`/reimbursements/${claim.id}/approve`, { date: "2026-03-25" }));
    expect(approved).toMatchObject({ currency: "USD", total: "100.00", exchangeRate: "0.9", baseTotal: "90.00" });
    const eurBank = await s.manager.post(`/reimbursements/${claim.id}/pay`, { bankAccountId: s.bank, date: "2026-03-31" });
    expect([eurBank.status, eurBank.body.error.code, eurBank.body.error.details[0].path]).toEqual([422, "INVALID_PAYMENT_ACCOUNT", "bankAccountId"]);
    const paid = await ok(await s.manager.post(`/reimbursements/${claim.id}/pay`, { bankAccountId: usdBank, date: "2026-03-31", exchangeRate: "0.95" }));
    expect(paid).toMatchObject({ status: "paid", paymentExchangeRate: "0.95" });
    expect(await trialBalance(s.org, "2400", "1125", "6400", "7100")).toEqual(["0.00", "-95.00", "90.00", "5.00"]);
  });
});

describe("who may do what", () => {
  it("the claimant cannot approve, reject or pay their own claim (403 FORBIDDEN, nothing changed)", async () => {
    const s = await setUp();
    const submitted = await claimIn(s, "submitted");
    for (const [action, body] of [["approve", {}], ["reject", { reason: "x" }]] as const) {
      const res = await s.employee.post(`/reimbursements/${submitted.id}/${action}`, body);
      expect([res.status, res.body.error.code, res.body.error.message]).toEqual([403, "FORBIDDEN", expect.stringContaining("your own reimbursement claim")]);
    }
    const approved = await claimIn(s, "approved");
    const pay = await s.employee.post(`/reimbursements/${approved.id}/pay`, { bankAccountId: s.bank, date: "2026-03-31" });
    expect([pay.status, pay.body.error.code]).toEqual([403, "FORBIDDEN"]);
    expect((await s.org.api.get(`/reimbursements/${submitted.id}`)).body.data.status).toBe("submitted");
    expect((await s.org.api.get(`/reimbursements/${approved.id}`)).body.data.status).toBe("approved");
  });

  it("403 without the permissions: a viewer reads only, a claimant cannot approve, an approver cannot pay", async () => {
    const s = await setUp();
    const submitted = await claimIn(s, "submitted");
    const viewer = t.api(t.viewerToken(s.org.id));
    expect((await viewer.get(`/reimbursements/${submitted.id}`)).status).toBe(200);
    expect((await viewer.get("/reimbursements")).body.data).toHaveLength(1);
    expect((await draft(viewer, s.office)).status).toBe(403);
    const member = t.api(t.roleToken(s.org.id, "member"));
    expect((await member.post(`/reimbursements/${submitted.id}/approve`, {})).status).toBe(403);
    expect((await draft(member, s.office)).status).toBe(201);
    const approver = t.api(t.token(s.org.id, ["finance.reimbursement.read", "finance.reimbursement.approve"]));
    const approved = await ok(await approver.post(`/reimbursements/${submitted.id}/approve`, { date: "2026-03-25" }));
    expect((await approver.post(`/reimbursements/${approved.id}/pay`, { bankAccountId: s.bank, date: "2026-03-31" })).status).toBe(403);
    const payer = t.api(t.token(s.org.id, ["finance.reimbursement.pay"]));
    expect((await payer.post(`/reimbursements/${approved.id}/pay`, { bankAccountId: s.bank, date: "2026-03-31" })).status).toBe(200);
  });

  it("another organization's claim is 404 for every route and stays as it was", async () => {
    const s = await setUp();
    const submitted = await claimIn(s, "submitted");
    const other = await organizationWithLedger(t);
    const id = submitted.id;
    for (const res of await Promise.all([
      other.api.get(`/reimbursements/${id}`),
      other.api.patch(`/reimbursements/${id}`, { description: "x" }),
      other.api.delete(`/reimbursements/${id}`),
      other.api.post(`/reimbursements/${id}/submit`, {}),
      other.api.post(`/reimbursements/${id}/approve`, {}),
      other.api.post(`/reimbursements/${id}/reject`, { reason: "x" }),
      other.api.post(`/reimbursements/${id}/pay`, { bankAccountId: s.bank, date: "2026-03-31" }),
    ])) {
      expect(res.status).toBe(404);
    }
    expect((await other.api.get("/reimbursements")).body.data).toEqual([]);
    expect((await s.org.api.get(`/reimbursements/${id}`)).body.data).toEqual(submitted);
  });
});

describe("illegal transitions and invalid input", () => {
  it("every transition from a status it does not start from is 409 INVALID_STATE", async () => {
    const s = await setUp();
    const claims = {
      draft: await claimIn(s, "draft"),
      submitted: await claimIn(s, "submitted"),
      approved: await claimIn(s, "approved"),
      rejected: await claimIn(s, "rejected"),
      paid: await claimIn(s, "paid"),
    };
    const legal: Record<string, string[]> = { draft: ["edit", "delete", "submit"], submitted: ["approve", "reject"], approved: ["pay"], rejected: [], paid: [] };
    const attempts: Record<string, (id: string) => Promise<{ status: number; body: { error?: { code: string } } }>> = {
      edit: async (id) => s.employee.patch(`/reimbursements/${id}`, { description: "x" }),
      delete: async (id) => s.employee.delete(`/reimbursements/${id}`),
      submit: async (id) => s.employee.post(`/reimbursements/${id}/submit`, {}),
      approve: async (id) => s.manager.post(`/reimbursements/${id}/approve`, { date: "2026-03-25" }),
      reject: async (id) => s.manager.post(`/reimbursements/${id}/reject`, { reason: "x" }),
      pay: async (id) => s.manager.post(`/reimbursements/${id}/pay`, { bankAccountId: s.bank, date: "2026-03-31" }),
    };
    const refused: string[] = [];
    for (const [status, claim] of Object.entries(claims)) {
      for (const [action, attempt] of Object.entries(attempts)) {
        if (legal[status]!.includes(action)) continue;
        const res = await attempt(claim.id);
        expect([status, action, res.status, res.body.error?.code]).toEqual([status, action, 409, "INVALID_STATE"]);
        refused.push(`${status}:${action}`);
      }
    }
    expect(refused).toHaveLength(30 - 6);
    for (const [status, claim] of Object.entries(claims)) expect((await s.org.api.get(`/reimbursements/${claim.id}`)).body.data.status).toBe(status);
    expect(await trialBalance(s.org, "2400")).toEqual(["-30.00"]);
  });

  it("400 with the fields named and nothing written; 422 naming lines.<n>.<field>; the number stays free", async () => {
    const s = await setUp();
    const bad = await s.employee.post("/reimbursements", { date: "2026-02-30", lines: [{ date: "x", accountId: "nope", amount: "-1", description: "" }], extra: 1 });
    expect([bad.status, bad.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(["date", "lines.0.date", "lines.0.accountId", "lines.0.amount", "lines.0.description"]));
    expect((await s.employee.post("/reimbursements", { lines: [] })).status).toBe(400);
    const salesTax = await taxRateFixture(s.org.api, { rate: "20", appliesTo: "sales" });
    const line = { date: "2026-03-18", accountId: s.office, amount: "10.00", description: "x" };
    const refused = async (second: Record<string, unknown>) => {
      const res = await s.employee.post("/reimbursements", { lines: [line, { ...line, ...second }] });
      return [res.status, res.body.error.code, res.body.error.details?.[0]?.path];
    };
    expect(await refused({ accountId: s.bank })).toEqual([422, "INVALID_CATEGORY_ACCOUNT", "lines.1.accountId"]);
    expect(await refused({ accountId: (await t.account(s.org.api, "6000")).id })).toEqual([422, "INVALID_CATEGORY_ACCOUNT", "lines.1.accountId"]);
    expect(await refused({ accountId: randomUUID() })).toEqual([422, "UNKNOWN_ACCOUNT", "lines.1.accountId"]);
    expect(await refused({ taxRateId: salesTax })).toEqual([422, "TAX_RATE_NOT_APPLICABLE", "lines.1.taxRateId"]);
    expect(await refused({ amount: "1.001" })).toEqual([422, "AMOUNT_PRECISION", "lines.1.amount"]);
    const payBad = await s.manager.post(`/reimbursements/${(await claimIn(s, "approved")).id}/pay`, { bankAccountId: s.office, date: "2026-03-31" });
    expect([payBad.status, payBad.body.error.code, payBad.body.error.details[0].path]).toEqual([422, "INVALID_PAYMENT_ACCOUNT", "bankAccountId"]);
    expect(await countRows(s.org.id)).toEqual([1, 1, 3]);
    expect((await claimIn(s, "submitted")).number).toBe("RMB-2026-0002");
  });

  it("a claim, line, approval or payment dated later than today is 422 DATE_IN_FUTURE naming the field; nothing changes", async () => {
    const s = await setUp();
    const line = { date: "2026-03-18", accountId: s.office, amount: "10.00", description: "x" };
    const submitted = await claimIn(s, "submitted");
    const approved = await claimIn(s, "approved");
    const ownDraft = await claimIn(s, "draft");
    const cases: [string, () => Promise<{ status: number; body: { error: { code: string; details: { path: string }[] } } }>][] = [
      ["date", () => s.employee.post("/reimbursements", { date: days(2), lines: [line] })],
      ["lines.1.date", () => s.employee.post("/reimbursements", { lines: [line, { ...line, date: "2099-01-01" }] })],
      ["date", () => s.employee.patch(`/reimbursements/${ownDraft.id}`, { date: days(2) })],
      ["lines.0.date", () => s.employee.patch(`/reimbursements/${ownDraft.id}`, { lines: [{ ...line, date: days(2) }] })],
      ["date", () => s.manager.post(`/reimbursements/${submitted.id}/approve`, { date: days(2) })],
      ["date", () => s.manager.post(`/reimbursements/${approved.id}/pay`, { bankAccountId: s.bank, date: days(2) })],
    ];
    for (const [path, request] of cases) {
      const res = await request();
      expect([res.status, res.body.error.code, res.body.error.details[0]!.path]).toEqual([422, "DATE_IN_FUTURE", path]);
    }
    expect((await s.org.api.get(`/reimbursements/${ownDraft.id}`)).body.data).toMatchObject({ date: "2026-03-20", lines: [expect.objectContaining({ date: "2026-03-18" })] });
    expect((await s.org.api.get(`/reimbursements/${submitted.id}`)).body.data.status).toBe("submitted");
    expect((await s.org.api.get(`/reimbursements/${approved.id}`)).body.data.status).toBe("approved");
    expect(await countRows(s.org.id)).toEqual([3, 3, 6]);
  });

  it("a claim paid before its approval date is 422 PAYMENT_BEFORE_APPROVAL naming date; on the approval date it is paid", async () => {
    const s = await setUp();
    const claim = await ok(await draft(s.employee, s.office), 201);
    await ok(await s.employee.post(`/reimbursements/${claim.id}/submit`, {}));
    await ok(await s.manager.post(`/reimbursements/${claim.id}/approve`, { date: "2026-03-22" }));
    const early = await s.manager.post(`/reimbursements/${claim.id}/pay`, { bankAccountId: s.bank, date: "2026-01-05" });
    expect([early.status, early.body.error.code, early.body.error.details[0].path]).toEqual([422, "PAYMENT_BEFORE_APPROVAL", "date"]);
    expect((await s.org.api.get(`/reimbursements/${claim.id}`)).body.data).toMatchObject({ status: "approved", paymentEntryId: null });
    expect((await ok(await s.manager.post(`/reimbursements/${claim.id}/pay`, { bankAccountId: s.bank, date: "2026-03-22" }))).status).toBe("paid");
  });

  it("pay takes an Idempotency-Key: a retry replays the first answer, one payment entry; another body with the key is 422", async () => {
    const s = await setUp();
    const claim = await claimIn(s, "approved");
    const key = randomUUID();
    const body = { bankAccountId: s.bank, date: "2026-03-31" };
    const first = await s.manager.post(`/reimbursements/${claim.id}/pay`, body).set("Idempotency-Key", key);
    const again = await s.manager.post(`/reimbursements/${claim.id}/pay`, body).set("Idempotency-Key", key);
    expect([first.status, again.status, again.headers["idempotent-replayed"]]).toEqual([200, 200, "true"]);
    expect(again.body).toEqual(first.body);
    const other = await s.manager.post(`/reimbursements/${claim.id}/pay`, { ...body, date: "2026-03-30" }).set("Idempotency-Key", key);
    expect([other.status, other.body.error.code]).toEqual([422, "IDEMPOTENCY_KEY_REUSED"]);
    const { rows } = await t.owner.query("SELECT 1 FROM finance.journal_entries WHERE organization_id = $1 AND source_type = 'reimbursement_payment'", [s.org.id]);
    expect(rows).toHaveLength(1);
  });
});

describe("GET /reimbursements", () => {
  it("filters by status, claimant and claim date, newest first, in keyset pages", async () => {
    const s = await setUp();
    const a = await ok(await draft(s.employee, s.office, { date: "2026-01-10" }), 201);
    const b = await claimIn(s, "submitted");
    const c = await ok(await draft(s.manager, s.office, { date: "2026-05-01" }), 201);
    const ids = async (query: string) => ((await s.org.api.get(`/reimbursements?${query}`)).body.data as Claim[]).map((claim) => claim.id);
    expect(await ids("")).toEqual([c.id, b.id, a.id]);
    expect(await ids("status=submitted")).toEqual([b.id]);
    expect(await ids(`claimantId=${s.managerId}`)).toEqual([c.id]);
    expect(await ids(`claimantId=${s.employeeId}`)).toEqual([b.id, a.id]);
    expect(await ids("from=2026-02-01&to=2026-04-30")).toEqual([b.id]);
    const first = await s.org.api.get("/reimbursements?limit=2&count=true");
    expect(first.body.page).toMatchObject({ hasMore: true, total: 3 });
    const rest = await s.org.api.get(`/reimbursements?limit=2&cursor=${encodeURIComponent(first.body.page.nextCursor)}`);
    expect(rest.body.data.map((claim: Claim) => claim.id)).toEqual([a.id]);
  });
});
