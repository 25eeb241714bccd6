/**
 * /payments through the finance app and a real database: recording payments received and made,
 * their entries, allocations (partial, full, over), the party's credit allocated later, the
 * receivable (payable) invariant after every step, void, lists, validation (400), permissions
 * (403), organizations (404), the allocation rules (422) and Idempotency-Key replays.
 */
import { randomUUID } from "node:crypto";
import { startFinanceTestApp, type Api, type FinanceTestApp } from "../../../test/harness";
import { bankAccount } from "../bank-accounts/bank-account.fixtures";
import { documentState, issuedDocument, organizationWithLedger, party, partyLedger, type TestOrganization } from "./payment.fixtures";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

interface Payment {
  id: string;
  number: string;
  status: string;
  amount: string;
  amountAllocated: string;
  amountUnallocated: string;
  baseAmountUnallocated: string;
  journalEntryId: string;
  voidEntryId: string | null;
  allocations: { id: string; document: { id: string; number: string }; amount: string; paymentAmount: string; baseDifference: string; voidedAt: string | null }[];
}

const record = async (api: Api, body: Record<string, unknown>): Promise<Payment> => {
  const res = await api.post("/payments", body);
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as Payment;
};

/** An organization with a customer; `receipt` is the body of a payment received from it into the bank, allocated to [documentId, amount] pairs. */
async function salesSetUp() {
  const org = await organizationWithLedger(t);
  const customer = await party(t, org, { kind: "customer" });
  const bank = (await t.account(org.api, "1120")).id;
  const receipt = (paymentDate: string, amount: string, allocations: [string, string][] = []) => ({
    direction: "received",
    partyId: customer,
    paymentDate,
    amount,
    accountId: bank,
    ...(allocations.length > 0 ? { allocations: allocations.map(([documentId, share]) => ({ documentId, amount: share })) } : {}),
  });
  return { org, customer, bank, receipt };
}

async function expectInvariant(org: TestOrganization, subtype: "receivable" | "payable" = "receivable") {
  const ledger = await partyLedger(t, org, subtype);
  expect(ledger.balanced).toBe(true);
  expect(ledger.balance).toBe(ledger.expected);
  return ledger;
}

describe("POST /payments", () => {
  it("records a payment received: RCPT-2026-0001, posted debit bank / credit receivable with the customer, finance.payment.received", async () => {
    const { org, customer, bank, receipt } = await salesSetUp();
    const res = await org.api.post("/payments", {
      direction: "received",
      partyId: customer,
      paymentDate: "2026-03-10",
      amount: "250.00",
      accountId: bank,
      reference: "SEPA 4711",
      notes: "First payment",
    });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/finance/payments/${res.body.data.id}`);
    const payment = res.body.data;
    expect(payment).toMatchObject({
      number: "RCPT-2026-0001",
      direction: "received",
      status: "posted",
      party: { type: "customer", id: customer },
      paymentDate: "2026-03-10",
      amount: "250.00",
      currency: "EUR",
      exchangeRate: "1",
      baseCurrency: "EUR",
      baseAmount: "250.00",
      accountId: bank,
      reference: "SEPA 4711",
      notes: "First payment",
      amountAllocated: "0.00",
      amountUnallocated: "250.00",
      baseAmountUnallocated: "250.00",
      allocations: [],
      voidEntryId: null,
    });
    const entry = (await org.api.get(`/journal-entries/${payment.journalEntryId}`)).body.data;
    const receivable = await t.account(org.api, "1200");
    expect(entry).toMatchObject({ status: "posted", source: { type: "payment", id: payment.id }, reference: "SEPA 4711" });
    expect(entry.lines.map((l: Record<string, unknown>) => [l.accountId, l.debit, l.credit, l.party])).toEqual([
      [bank, "250.00", "0.00", null],
      [receivable.id, "0.00", "250.00", { type: "customer", id: customer }],
    ]);
    expect((await org.api.get(`/payments/${payment.id}`)).body.data).toEqual(payment);
    const events = (await t.outbox(org.id)).filter((row) => row.event_type === "finance.payment.received");
    expect(events.map((row) => row.envelope.data)).toEqual([
      expect.objectContaining({ number: "RCPT-2026-0001", amount: "250.00", baseAmount: "250.00", allocations: [], amountUnallocated: "250.00" }),
    ]);
    expect((await record(org.api, receipt("2026-03-11", "1"))).number).toBe("RCPT-2026-0002");
    await expectInvariant(org);
  });

  it("a partial then a full payment: the invoice goes partially_paid then paid; the receivable equals open documents minus credit after each step", async () => {
    const { org, customer, receipt } = await salesSetUp();
    const invoice = await issuedDocument(org, { kind: "invoice", partyId: customer, total: "1000.00" });
    await expectInvariant(org);

    const first = await record(org.api, receipt("2026-03-10", "400.00", [[invoice.id, "400.00"]]));
    expect(first).toMatchObject({ amountAllocated: "400.00", amountUnallocated: "0.00", baseAmountUnallocated: "0.00" });
    expect(first.allocations).toEqual([
      expect.objectContaining({ document: expect.objectContaining({ id: invoice.id, number: invoice.number }), amount: "400.00", paymentAmount: "400.00", baseDifference: "0.00" }),
    ]);
    expect(await documentState(t, invoice.id)).toMatchObject({ status: "partially_paid" });
    expect((await documentState(t, invoice.id)).amountDue.toFixed(2)).toBe("600.00");
    expect((await expectInvariant(org)).balance).toBe("600.00");

    await record(org.api, receipt("2026-03-20", "600.00", [[invoice.id, "600.00"]]));
    const state = await documentState(t, invoice.id);
    expect([state.status, state.amountPaid.toFixed(2), state.amountDue.toFixed(2), state.baseAmountDue.toFixed(2)]).toEqual(["paid", "1000.00", "0.00", "0.00"]);
    expect((await expectInvariant(org)).balance).toBe("0.00");
    const paid = (await t.outbox(org.id)).filter((row) => row.event_type === "finance.invoice.paid");
    expect(paid.map((row) => row.envelope.data)).toEqual([expect.objectContaining({ number: invoice.number, amountPaid: "1000.00", paidOn: "2026-03-20" })]);
  });

  it("an overpayment stays as the customer's credit and is allocated later (POST /payments/{id}/allocations)", async () => {
    const { org, customer, receipt } = await salesSetUp();
    const first = await issuedDocument(org, { kind: "invoice", partyId: customer, total: "300.00" });
    const payment = await record(org.api, receipt("2026-03-10", "500.00", [[first.id, "300.00"]]));
    expect(payment).toMatchObject({ amountAllocated: "300.00", amountUnallocated: "200.00", baseAmountUnallocated: "200.00" });
    expect((await expectInvariant(org)).balance).toBe("-200.00");

    const second = await issuedDocument(org, { kind: "invoice", partyId: customer, total: "150.00", issueDate: "2026-04-01" });
    const res = await org.api.post(`/payments/${payment.id}/allocations`, { allocations: [{ documentId: second.id, amount: "150.00" }], date: "2026-04-02" });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ amountAllocated: "450.00", amountUnallocated: "50.00", baseAmountUnallocated: "50.00" });
    expect(res.body.data.allocations.map((a: { allocationDate: string; amount: string }) => [a.allocationDate, a.amount])).toEqual([
      ["2026-03-10", "300.00"],
      ["2026-04-02", "150.00"],
    ]);
    expect((await documentState(t, second.id)).status).toBe("paid");
    expect((await expectInvariant(org)).balance).toBe("-50.00");

    const third = await issuedDocument(org, { kind: "invoice", partyId: customer, total: "80.00", issueDate: "2026-04-05" });
    const over = await org.api.post(`/payments/${payment.id}/allocations`, { allocations: [{ documentId: third.id, amount: "60.00" }] });
    expect([over.status, over.body.error.code, over.body.error.details]).toEqual([
      422,
      "ALLOCATION_EXCEEDS_PAYMENT",
      [{ path: "allocations.0.amount", message: "The payment has 50.00 left" }],
    ]);
    const before = await org.api.post(`/payments/${payment.id}/allocations`, { allocations: [{ documentId: third.id, amount: "10.00" }], date: "2026-03-09" });
    expect([before.status, before.body.error.code]).toEqual([422, "ALLOCATION_DATE_BEFORE_PAYMENT"]);
    const dated = await org.api.post(`/payments/${payment.id}/allocations`, { allocations: [{ documentId: third.id, amount: "50.00" }] });
    expect(dated.body.data).toMatchObject({ amountUnallocated: "0.00", baseAmountUnallocated: "0.00" });
    expect((await documentState(t, third.id)).status).toBe("partially_paid");
    expect((await expectInvariant(org)).balance).toBe("30.00");
  });

  it("a payment made settles bills: PAY-2026-0001, debit payable / credit bank, the bill paid, the payable invariant holds", async () => {
    const org = await organizationWithLedger(t);
    const supplier = await party(t, org, { kind: "supplier" });
    const bank = await t.account(org.api, "1120");
    const payable = await t.account(org.api, "2110");
    const bill = await issuedDocument(org, { kind: "bill", partyId: supplier, total: "700.00" });
    const payment = await record(org.api, {
      direction: "made",
      partyId: supplier,
      paymentDate: "2026-03-15",
      amount: "700.00",
      accountId: bank.id,
      allocations: [{ documentId: bill.id, amount: "700.00" }],
    });
    expect(payment).toMatchObject({ number: "PAY-2026-0001", amountUnallocated: "0.00" });
    const entry = (await org.api.get(`/journal-entries/${payment.journalEntryId}`)).body.data;
    expect(entry.lines.map((l: Record<string, unknown>) => [l.accountId, l.debit, l.credit])).toEqual([
      [payable.id, "700.00", "0.00"],
      [bank.id, "0.00", "700.00"],
    ]);
    expect((await documentState(t, bill.id)).status).toBe("paid");
    expect((await expectInvariant(org, "payable")).balance).toBe("0.00");
    expect((await t.outbox(org.id)).map((row) => row.event_type)).toEqual(expect.arrayContaining(["finance.payment.made", "finance.bill.paid"]));
  });

  it("400 with details for what the schema refuses, before anything is written", async () => {
    const { org, customer, bank } = await salesSetUp();
    const valid = { direction: "received", partyId: customer, paymentDate: "2026-03-10", amount: "10.00", accountId: bank };
    const invoiceId = randomUUID();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid, direction: "sideways" }, "direction"],
      [{ ...valid, partyId: "CUS-1" }, "partyId"],
      [{ ...valid, paymentDate: "2026-02-30" }, "paymentDate"],
      [{ ...valid, amount: "0" }, "amount"],
      [{ ...valid, amount: "-5" }, "amount"],
      [{ ...valid, amount: 10 }, "amount"],
      [{ ...valid, amount: "1.00001" }, "amount"],
      [{ ...valid, currency: "EURO" }, "currency"],
      [{ ...valid, exchangeRate: "0" }, "exchangeRate"],
      [{ ...valid, accountId: undefined }, "accountId"],
      [{ ...valid, allocations: [{ documentId: invoiceId }] }, "allocations.0.amount"],
      [{ ...valid, allocations: [{ documentId: invoiceId, amount: "1" }, { documentId: invoiceId, amount: "2" }] }, "allocations.1.documentId"],
      [{ ...valid, extra: true }, ""],
    ];
    for (const [body, path] of cases) {
      const res = await org.api.post("/payments", body);
      expect([JSON.stringify(body), res.status, res.body.error.code]).toEqual([JSON.stringify(body), 400, "VALIDATION_FAILED"]);
      expect(res.body.error.details.some((d: { path: string }) => d.path === path || (path === "" && d.path !== undefined))).toBe(true);
    }
    for (const [path, body] of [
      ["/payments/x/allocations", { allocations: [] }],
      [`/payments/${randomUUID()}/allocations`, { allocations: [] }],
      [`/payments/${randomUUID()}/void`, {}],
    ] as const) {
      expect((await org.api.post(path, body)).status).toBe(400);
    }
    expect((await org.api.get("/payments")).body.data).toEqual([]);
    expect((await org.api.get("/payments?direction=up")).status).toBe(400);
  });

  it("422 naming the field for the party, the account, the amount's decimals and the rate; nothing is written", async () => {
    const { org, customer, bank } = await salesSetUp();
    const archived = await party(t, org, { kind: "customer", archived: true });
    const supplier = await party(t, org, { kind: "supplier" });
    const other = await organizationWithLedger(t);
    const theirBank = await t.account(other.api, "1120");
    const sales = await t.account(org.api, "4100");
    const group = (await org.api.get("/accounts?isGroup=true&type=asset&limit=1")).body.data[0];
    const usdBank = await org.api.post("/accounts", { code: "1125", name: "USD account", type: "asset", subtype: "bank", currency: "USD" });
    expect(usdBank.status).toBe(201);
    const valid = { direction: "received", partyId: customer, paymentDate: "2026-03-10", amount: "10.00", accountId: bank };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...valid, partyId: randomUUID() }, "UNKNOWN_CUSTOMER", "partyId"],
      [{ ...valid, partyId: supplier }, "UNKNOWN_CUSTOMER", "partyId"],
      [{ ...valid, direction: "made" }, "UNKNOWN_SUPPLIER", "partyId"],
      [{ ...valid, partyId: archived }, "PARTY_ARCHIVED", "partyId"],
      [{ ...valid, accountId: theirBank.id }, "UNKNOWN_ACCOUNT", "accountId"],
      [{ ...valid, accountId: sales.id }, "INVALID_PAYMENT_ACCOUNT", "accountId"],
      [{ ...valid, accountId: group.id }, "INVALID_PAYMENT_ACCOUNT", "accountId"],
      [{ ...valid, accountId: usdBank.body.data.id }, "INVALID_PAYMENT_ACCOUNT", "accountId"],
      [{ ...valid, amount: "10.001" }, "AMOUNT_PRECISION", "amount"],
      [{ ...valid, currency: "JPY", amount: "10.5", accountId: usdBank.body.data.id }, "AMOUNT_PRECISION", "amount"],
      [{ ...valid, currency: "USD", accountId: usdBank.body.data.id }, "EXCHANGE_RATE_MISSING", "exchangeRate"],
      [{ ...valid, exchangeRate: "1.2" }, "INVALID_EXCHANGE_RATE", "exchangeRate"],
    ];
    for (const [body, code, path] of cases) {
      const res = await org.api.post("/payments", body);
      expect([JSON.stringify(body), res.status, res.body.error.code, res.body.error.details?.[0]?.path]).toEqual([JSON.stringify(body), 422, code, path]);
    }
    expect((await org.api.get("/payments")).body.data).toEqual([]);
    expect((await org.api.get("/journal-entries")).body.data).toEqual([]);
  });

  it("422 for allocations to unknown, another party's, the wrong kind of or unissued documents, beyond the amount due or the payment; nothing is written", async () => {
    const { org, customer, bank } = await salesSetUp();
    const otherCustomer = await party(t, org, { kind: "customer" });
    const supplier = await party(t, org, { kind: "supplier" });
    const invoice = await issuedDocument(org, { kind: "invoice", partyId: customer, total: "100.00" });
    const theirs = await issuedDocument(org, { kind: "invoice", partyId: otherCustomer, total: "100.00" });
    const bill = await issuedDocument(org, { kind: "bill", partyId: supplier, total: "100.00" });
    const foreign = await organizationWithLedger(t);
    const foreignCustomer = await party(t, foreign, { kind: "customer" });
    const foreignInvoice = await issuedDocument(foreign, { kind: "invoice", partyId: foreignCustomer, total: "100.00" });
    const valid = { direction: "received", partyId: customer, paymentDate: "2026-03-10", amount: "100.00", accountId: bank };
    const cases: [unknown[], string, string][] = [
      [[{ documentId: randomUUID(), amount: "1.00" }], "UNKNOWN_DOCUMENT", "allocations.0.documentId"],
      [[{ documentId: foreignInvoice.id, amount: "1.00" }], "UNKNOWN_DOCUMENT", "allocations.0.documentId"],
      [[{ documentId: invoice.id, amount: "1.00" }, { documentId: theirs.id, amount: "1.00" }], "DOCUMENT_NOT_ALLOCATABLE", "allocations.1.documentId"],
      [[{ documentId: bill.id, amount: "1.00" }], "DOCUMENT_NOT_ALLOCATABLE", "allocations.0.documentId"],
      [[{ documentId: invoice.id, amount: "100.01" }], "ALLOCATION_EXCEEDS_DUE", "allocations.0.amount"],
      [[{ documentId: invoice.id, amount: "1.001" }], "AMOUNT_PRECISION", "allocations.0.amount"],
      [[{ documentId: invoice.id, amount: "1.00", paymentAmount: "2.00" }], "INVALID_PAYMENT_AMOUNT", "allocations.0.paymentAmount"],
    ];
    for (const [allocations, code, path] of cases) {
      const res = await org.api.post("/payments", { ...valid, allocations });
      expect([JSON.stringify(allocations), res.status, res.body.error.code, res.body.error.details?.[0]?.path]).toEqual([JSON.stringify(allocations), 422, code, path]);
    }
    const second = await issuedDocument(org, { kind: "invoice", partyId: customer, total: "100.00" });
    const exceeds = await org.api.post("/payments", {
      ...valid,
      allocations: [
        { documentId: invoice.id, amount: "60.00" },
        { documentId: second.id, amount: "60.00" },
      ],
    });
    expect([exceeds.status, exceeds.body.error.code, exceeds.body.error.details]).toEqual([
      422,
      "ALLOCATION_EXCEEDS_PAYMENT",
      [{ path: "allocations.1.amount", message: "The payment has 40.00 left" }],
    ]);
    expect((await org.api.get("/payments")).body.data).toEqual([]);
    expect(await documentState(t, invoice.id)).toMatchObject({ status: "issued" });
    expect((await org.api.get("/journal-entries?sourceType=payment")).body.data).toEqual([]);
  });

  it("a payment dated on or before the lock date is 422 PERIOD_LOCKED: nothing is written and its number stays free", async () => {
    const { org, customer, bank } = await salesSetUp();
    const invoice = await issuedDocument(org, { kind: "invoice", partyId: customer, total: "100.00" });
    expect((await org.api.post("/periods/lock", { lockedThrough: "2026-03-31" })).status).toBe(200);
    const body = { direction: "received", partyId: customer, amount: "100.00", accountId: bank, allocations: [{ documentId: invoice.id, amount: "100.00" }] };
    const locked = await org.api.post("/payments", { ...body, paymentDate: "2026-03-31" });
    expect([locked.status, locked.body.error.code]).toEqual([422, "PERIOD_LOCKED"]);
    expect(await documentState(t, invoice.id)).toMatchObject({ status: "issued" });
    expect((await record(org.api, { ...body, paymentDate: "2026-04-01" })).number).toBe("RCPT-2026-0001");
  });

  it("a payment or allocation dated later than today is 422 DATE_IN_FUTURE naming the field: the invoice would be paid now, the books only then", async () => {
    const { org, customer, receipt } = await salesSetUp();
    const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const invoice = await issuedDocument(org, { kind: "invoice", partyId: customer, total: "100.00" });
    for (const paymentDate of ["2099-01-01", days(2)]) {
      const refused = await org.api.post("/payments", receipt(paymentDate, "100.00", [[invoice.id, "100.00"]]));
      expect([refused.status, refused.body.error.code, refused.body.error.details[0].path]).toEqual([422, "DATE_IN_FUTURE", "paymentDate"]);
    }
    expect(await documentState(t, invoice.id)).toMatchObject({ status: "issued" });
    const credit = await record(org.api, receipt("2026-03-10", "100.00"));
    const allocate = await org.api.post(`/payments/${credit.id}/allocations`, { date: days(2), allocations: [{ documentId: invoice.id, amount: "100.00" }] });
    expect([allocate.status, allocate.body.error.code, allocate.body.error.details[0].path]).toEqual([422, "DATE_IN_FUTURE", "date"]);
    expect(await documentState(t, invoice.id)).toMatchObject({ status: "issued" });
    // Tomorrow is someone's today (UTC+14).
    const tomorrow = await org.api.post(`/payments/${credit.id}/allocations`, { date: days(1), allocations: [{ documentId: invoice.id, amount: "100.00" }] });
    expect(tomorrow.status).toBe(200);
    await expectInvariant(org);
  });

  it("403 without finance.payment.record (before validation) or finance.payment.void; a viewer reads", async () => {
    const { org, receipt } = await salesSetUp();
    const payment = await record(org.api, receipt("2026-03-10", "10.00"));
    const viewer = t.api(t.viewerToken(org.id));
    expect((await viewer.post("/payments", {})).status).toBe(403);
    expect((await viewer.post(`/payments/${payment.id}/allocations`, { allocations: [] })).status).toBe(403);
    expect((await viewer.post(`/payments/${payment.id}/void`, { reason: "x" })).status).toBe(403);
    expect((await viewer.get(`/payments/${payment.id}`)).status).toBe(200);
    expect((await viewer.get("/payments")).body.data).toHaveLength(1);
    const recorder = t.api(t.token(org.id, ["finance.payment.read", "finance.payment.record"]));
    expect((await recorder.post(`/payments/${payment.id}/void`, { reason: "x" })).status).toBe(403);
    expect((await t.api(t.token(org.id, [])).get("/payments")).status).toBe(403);
    expect((await org.api.get(`/payments/${payment.id}`)).body.data.status).toBe("posted");
  });

  it("another organization's payment is 404 for every route and stays as it was", async () => {
    const { org, receipt } = await salesSetUp();
    const payment = await record(org.api, receipt("2026-03-10", "10.00"));
    const other = await organizationWithLedger(t);
    const otherCustomer = await party(t, other, { kind: "customer" });
    const invoice = await issuedDocument(other, { kind: "invoice", partyId: otherCustomer, total: "10.00" });
    expect((await other.api.get(`/payments/${payment.id}`)).status).toBe(404);
    expect((await other.api.post(`/payments/${payment.id}/allocations`, { allocations: [{ documentId: invoice.id, amount: "1.00" }] })).status).toBe(404);
    expect((await other.api.post(`/payments/${payment.id}/void`, { reason: "x" })).status).toBe(404);
    expect((await other.api.get("/payments")).body.data).toEqual([]);
    expect((await org.api.get(`/payments/${payment.id}`)).body.data).toMatchObject({ status: "posted", amountUnallocated: "10.00" });
  });

  it("Idempotency-Key: the same key and body replays the first answer (one payment); another body with the key is 422", async () => {
    const { org, customer, bank } = await salesSetUp();
    const invoice = await issuedDocument(org, { kind: "invoice", partyId: customer, total: "100.00" });
    const key = randomUUID();
    const body = { direction: "received", partyId: customer, paymentDate: "2026-03-10", amount: "100.00", accountId: bank, allocations: [{ documentId: invoice.id, amount: "100.00" }] };
    const first = await org.api.post("/payments", body).set("Idempotency-Key", key);
    const again = await org.api.post("/payments", body).set("Idempotency-Key", key);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    const other = await org.api.post("/payments", { ...body, amount: "99.00", allocations: [] }).set("Idempotency-Key", key);
    expect([other.status, other.body.error.code]).toEqual([422, "IDEMPOTENCY_KEY_REUSED"]);
    expect((await org.api.get("/payments")).body.data).toHaveLength(1);
    expect((await documentState(t, invoice.id)).amountPaid.toFixed(2)).toBe("100.00");
    await expectInvariant(org);
  });

  it("Idempotency-Key on POST /payments/{id}/allocations: a retry replays the answer and allocates nothing more", async () => {
    const { org, customer, receipt } = await salesSetUp();
    const invoice = await issuedDocument(org, { kind: "invoice", partyId: customer, total: "100.00" });
    const payment = await record(org.api, receipt("2026-03-10", "100.00"));
    const key = randomUUID();
    const body = { allocations: [{ documentId: invoice.id, amount: "40.00" }] };
    const first = await org.api.post(`/payments/${payment.id}/allocations`, body).set("Idempotency-Key", key);
    const again = await org.api.post(`/payments/${payment.id}/allocations`, body).set("Idempotency-Key", key);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toEqual(first.body);
    expect((await org.api.get(`/payments/${payment.id}`)).body.data).toMatchObject({ amountAllocated: "40.00", amountUnallocated: "60.00" });
    expect((await documentState(t, invoice.id)).amountDue.toFixed(2)).toBe("60.00");
  });
});

describe("OpenAPI", () => {
  it("the payment example allocates to an example invoice id, not the example product's id (QA)", async () => {
    const { org } = await salesSetUp();
    const document = (await org.api.get("/openapi.json")).body;
    type Schema = { $ref?: string; example?: unknown; allOf?: Schema[] };
    const resolve = (schema: Schema): Schema => (schema.$ref ? resolve(document.components.schemas[schema.$ref.split("/").at(-1)!]) : schema);
    const example = (path: string) => {
      const schema = resolve(document.paths[`/api/v1/finance${path}`].post.requestBody.content["application/json"].schema);
      return (schema.example ?? schema.allOf?.map(resolve).find((part) => part.example !== undefined)?.example) as Record<string, unknown>;
    };
    const allocations = (example("/payments") as { allocations: { documentId: string }[] }).allocations;
    const productIds = (example("/invoices") as { lines: { productId?: string }[] }).lines.flatMap((line) => (line.productId ? [line.productId] : []));
    expect(productIds.length).toBeGreaterThan(0);
    expect(allocations.map((allocation) => allocation.documentId).filter((id) => productIds.includes(id))).toEqual([]);
  });
});

describe("GET /payments", () => {
  it("filters by direction, party, status, dates and q (number, reference), newest first, in keyset pages", async () => {
    const org = await organizationWithLedger(t);
    const [alice, bob] = [await party(t, org, { kind: "customer" }), await party(t, org, { kind: "customer" })];
    const supplier = await party(t, org, { kind: "supplier" });
    const bank = (await t.account(org.api, "1120")).id;
    const received = (partyId: string, paymentDate: string, reference?: string) =>
      record(org.api, { direction: "received", partyId, paymentDate, amount: "10.00", accountId: bank, ...(reference ? { reference } : {}) });
    const a1 = await received(alice, "2026-01-10", "Wire 77");
    const b1 = await received(bob, "2026-02-10");
    const a2 = await received(alice, "2026-03-10");
    const made = await record(org.api, { direction: "made", partyId: supplier, paymentDate: "2026-02-20", amount: "5.00", accountId: bank });
    expect((await org.api.post(`/payments/${b1.id}/void`, { reason: "Bounced" })).status).toBe(200);

    const numbers = async (query: string) => ((await org.api.get(`/payments?${query}`)).body.data as Payment[]).map((p) => p.number);
    expect(await numbers("")).toEqual([a2.number, made.number, b1.number, a1.number]);
    expect(await numbers("direction=made")).toEqual(["PAY-2026-0001"]);
    expect(await numbers(`partyId=${alice}`)).toEqual([a2.number, a1.number]);
    expect(await numbers("status=void")).toEqual([b1.number]);
    expect(await numbers("from=2026-02-01&to=2026-02-28")).toEqual([made.number, b1.number]);
    expect(await numbers("q=wire")).toEqual([a1.number]);
    expect(await numbers("q=RCPT-2026-0003")).toEqual([a2.number]);
    expect(await numbers("sort=number")).toEqual([made.number, a1.number, b1.number, a2.number]);

    const first = await org.api.get("/payments?limit=3&count=true");
    expect(first.body.page).toMatchObject({ hasMore: true, total: 4 });
    const rest = await org.api.get(`/payments?limit=3&cursor=${encodeURIComponent(first.body.page.nextCursor)}`);
    expect(rest.body.data.map((p: Payment) => p.number)).toEqual([a1.number]);
  });
});

describe("POST /payments/{id}/void", () => {
  it("reverses the entry, undoes the allocations (documents due again), keeps the payment void; voiding twice is 409", async () => {
    const { org, customer, receipt } = await salesSetUp();
    const a = await issuedDocument(org, { kind: "invoice", partyId: customer, total: "100.00" });
    const b = await issuedDocument(org, { kind: "invoice", partyId: customer, total: "200.00" });
    const earlier = await record(org.api, receipt("2026-03-05", "50.00", [[b.id, "50.00"]]));
    const payment = await record(org.api, receipt("2026-03-10", "300.00", [[a.id, "100.00"], [b.id, "120.00"]]));
    expect((await documentState(t, a.id)).status).toBe("paid");
    await expectInvariant(org);

    const res = await org.api.post(`/payments/${payment.id}/void`, { reason: "Bounced cheque" });
    expect(res.status).toBe(200);
    // A void payment holds nothing (QA: it showed 220.00 allocated / 80.00 unallocated after its allocations were undone);
    // the undone allocations stay listed with voidedAt, in the answer, GET /payments/{id} and the list.
    const holdsNothing = { status: "void", voidReason: "Bounced cheque", amountAllocated: "0.00", amountUnallocated: "0.00", baseAmountUnallocated: "0.00" };
    expect(res.body.data).toMatchObject(holdsNothing);
    expect(res.body.data.allocations.map((al: { amount: string; voidedAt: string | null }) => [al.amount, al.voidedAt !== null])).toEqual([
      ["100.00", true],
      ["120.00", true],
    ]);
    expect((await org.api.get(`/payments/${payment.id}`)).body.data).toMatchObject(holdsNothing);
    expect((await org.api.get("/payments?status=void")).body.data).toEqual([expect.objectContaining(holdsNothing)]);
    const reversal = (await org.api.get(`/journal-entries/${res.body.data.voidEntryId}`)).body.data;
    expect(reversal).toMatchObject({ status: "posted", reversalOfEntryId: payment.journalEntryId });
    const stateA = await documentState(t, a.id);
    const stateB = await documentState(t, b.id);
    expect([stateA.status, stateA.amountDue.toFixed(2), stateA.baseAmountDue.toFixed(2)]).toEqual(["issued", "100.00", "100.00"]);
    expect([stateB.status, stateB.amountDue.toFixed(2), stateB.amountPaid.toFixed(2)]).toEqual(["partially_paid", "150.00", "50.00"]);
    expect((await expectInvariant(org)).balance).toBe("250.00");
    const voided = (await t.outbox(org.id)).filter((row) => row.event_type === "finance.payment.voided");
    expect(voided.map((row) => row.envelope.data)).toEqual([
      expect.objectContaining({ number: payment.number, reason: "Bounced cheque", documentIds: [a.id, b.id], reversalEntryId: res.body.data.voidEntryId }),
    ]);

    const twice = await org.api.post(`/payments/${payment.id}/void`, { reason: "Again" });
    expect([twice.status, twice.body.error.code]).toEqual([409, "INVALID_STATE"]);
    const allocate = await org.api.post(`/payments/${payment.id}/allocations`, { allocations: [{ documentId: a.id, amount: "1.00" }] });
    expect([allocate.status, allocate.body.error.code]).toEqual([409, "INVALID_STATE"]);
    expect((await org.api.get(`/payments/${earlier.id}`)).body.data.status).toBe("posted");
  });

  it("a payment whose bank line a statement line is reconciled with cannot be voided: 409 PAYMENT_RECONCILED, the allocations kept", async () => {
    const { org, customer, receipt } = await salesSetUp();
    const main = await bankAccount(org.api, { name: "Main" });
    const invoice = await issuedDocument(org, { kind: "invoice", partyId: customer, total: "100.00" });
    const payment = await record(org.api, { ...receipt("2026-03-10", "100.00", [[invoice.id, "100.00"]]), accountId: main.accountId });
    const statement = await org.api.postCsv(`/bank-accounts/${main.id}/statements`, "date,description,amount\n2026-03-11,Customer,100.00");
    expect(statement.status).toBe(201);
    const entry = (await org.api.get(`/journal-entries/${payment.journalEntryId}`)).body.data as { lines: { id: string; accountId: string }[] };
    const bankLine = entry.lines.find((line) => line.accountId === main.accountId)!.id;
    const matched = await org.api.post(`/bank-accounts/${main.id}/reconciliation`, { matches: [{ statementLineId: statement.body.data.statement.lines[0].id, journalLineId: bankLine }] });
    expect(matched.status).toBe(200);

    const res = await org.api.post(`/payments/${payment.id}/void`, { reason: "Bounced" });
    expect([res.status, res.body.error.code]).toEqual([409, "PAYMENT_RECONCILED"]);
    expect((await org.api.get(`/payments/${payment.id}`)).body.data).toMatchObject({ status: "posted", amountAllocated: "100.00", voidEntryId: null });
    expect((await documentState(t, invoice.id)).status).toBe("paid");
  });
});
