/**
 * Allocations under concurrent requests: payments racing for the last amount due of an invoice,
 * allocations racing for the last of a payment, and one Idempotency-Key sent many times at once.
 * Exactly one wins each race; the others get 422 (or the key's 409 / the first answer), nothing is
 * allocated twice, numbers stay gap-free and the receivable invariant holds.
 */
import { randomUUID } from "node:crypto";
import { inTransaction } from "@erp/db";
import { AppError } from "@erp/errors";
import { startFinanceTestApp, type FinanceTestApp } from "../../../test/harness";
import { asService } from "../../events";
import { documentState, issuedDocument, organizationWithLedger, party, partyLedger } from "./payment.fixtures";
import { recordPaymentBody } from "./payment.schemas";
import { recordPayment } from "./record-payment";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

async function invoiceWithLastHundredDue() {
  const org = await organizationWithLedger(t);
  const customer = await party(t, org, { kind: "customer" });
  const bank = (await t.account(org.api, "1120")).id;
  const invoice = await issuedDocument(org, { kind: "invoice", partyId: customer, total: "300.00" });
  const body = (amount: string) => ({
    direction: "received",
    partyId: customer,
    paymentDate: "2026-03-10",
    amount,
    accountId: bank,
    allocations: [{ documentId: invoice.id, amount }],
  });
  expect((await org.api.post("/payments", body("200.00"))).status).toBe(201);
  return { org, invoice, body };
}

async function expectSettledOnce(org: Awaited<ReturnType<typeof invoiceWithLastHundredDue>>["org"], invoiceId: string, payments: number) {
  const state = await documentState(t, invoiceId);
  expect([state.status, state.amountPaid.toFixed(2), state.amountDue.toFixed(2), state.baseAmountDue.toFixed(2)]).toEqual(["paid", "300.00", "0.00", "0.00"]);
  const numbers = ((await org.api.get("/payments?sort=number&limit=100")).body.data as { number: string }[]).map((p) => p.number);
  expect(numbers).toEqual(Array.from({ length: payments }, (_, i) => `RCPT-2026-${String(i + 1).padStart(4, "0")}`));
  const ledger = await partyLedger(t, org, "receivable");
  expect([ledger.balanced, ledger.balance]).toEqual([true, ledger.expected]);
}

describe("concurrent allocations", () => {
  it("two payments racing for the last 100.00 of an invoice: exactly one 201, the other 422 ALLOCATION_EXCEEDS_DUE", async () => {
    const { org, invoice, body } = await invoiceWithLastHundredDue();
    const answers = await Promise.all([org.api.post("/payments", body("100.00")), org.api.post("/payments", body("100.00"))]);
    expect(answers.map((res) => res.status).sort()).toEqual([201, 422]);
    const refused = answers.find((res) => res.status === 422)!;
    expect([refused.body.error.code, refused.body.error.details[0].path]).toEqual(["ALLOCATION_EXCEEDS_DUE", "allocations.0.amount"]);
    await expectSettledOnce(org, invoice.id, 2);
  });

  it("twenty payments racing for the last 100.00 (twenty transactions at once): one wins, nineteen get 422, nothing is written for them", async () => {
    const { org, invoice, body } = await invoiceWithLastHundredDue();
    const scope = asService(org.id);
    // Straight to the use case, with a long wait for a connection: through HTTP they would queue for the test pool's ten connections past its 2 s limit.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        inTransaction(t.db, scope, (tx) => recordPayment(tx, scope, recordPaymentBody.parse(body("100.00"))), { transaction: { maxWait: 60_000, timeout: 60_000 } }),
      ),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const codes = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason instanceof AppError ? `${o.reason.status} ${o.reason.code}` : String(o.reason)] : []));
    expect(new Set(codes)).toEqual(new Set(["422 ALLOCATION_EXCEEDS_DUE"]));
    await expectSettledOnce(org, invoice.id, 2);
  });

  it("two allocations racing for a payment's last 100.00: one 200, the other 422 ALLOCATION_EXCEEDS_PAYMENT", async () => {
    const org = await organizationWithLedger(t);
    const customer = await party(t, org, { kind: "customer" });
    const bank = (await t.account(org.api, "1120")).id;
    const [a, b] = [
      await issuedDocument(org, { kind: "invoice", partyId: customer, total: "100.00" }),
      await issuedDocument(org, { kind: "invoice", partyId: customer, total: "100.00" }),
    ];
    const payment = await org.api.post("/payments", { direction: "received", partyId: customer, paymentDate: "2026-03-10", amount: "100.00", accountId: bank });
    const allocate = (documentId: string) => org.api.post(`/payments/${payment.body.data.id}/allocations`, { allocations: [{ documentId, amount: "100.00" }] });
    const answers = await Promise.all([allocate(a.id), allocate(b.id)]);
    expect(answers.map((res) => res.status).sort()).toEqual([200, 422]);
    expect(answers.find((res) => res.status === 422)!.body.error.code).toBe("ALLOCATION_EXCEEDS_PAYMENT");
    const states = [await documentState(t, a.id), await documentState(t, b.id)].map((s) => s.status).sort();
    expect(states).toEqual(["issued", "paid"]);
    expect((await org.api.get(`/payments/${payment.body.data.id}`)).body.data).toMatchObject({ amountUnallocated: "0.00", baseAmountUnallocated: "0.00" });
    const ledger = await partyLedger(t, org, "receivable");
    expect([ledger.balanced, ledger.balance]).toEqual([true, ledger.expected]);
  });

  it("one Idempotency-Key sent twenty times at once: one payment, every answer the first one's or 409 IDEMPOTENCY_KEY_IN_USE", async () => {
    const { org, invoice, body } = await invoiceWithLastHundredDue();
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => org.api.post("/payments", body("100.00")).set("Idempotency-Key", key)));
    const winners = answers.filter((res) => res.status === 201);
    expect(winners.length).toBeGreaterThanOrEqual(1);
    expect(new Set(winners.map((res) => res.body.data.id)).size).toBe(1);
    for (const res of answers.filter((r) => r.status !== 201)) expect([res.status, res.body.error.code]).toEqual([409, "IDEMPOTENCY_KEY_IN_USE"]);
    await expectSettledOnce(org, invoice.id, 2);
  });
});
