/**
 * The settlement helpers payments and credit notes call: partial and full settlement (amounts,
 * base amounts to exactly zero at the document's rate, status, the paid event), more than is due
 * refused with 422 naming the field, drafts refused with 409, concurrent settlements never taking
 * more than is due, and a voided payment's settlement given back.
 */
import { inTransaction } from "@erp/db";
import { AppError } from "@erp/errors";
import { startFinanceTestApp, type FinanceTestApp } from "../../../test/harness";
import { asService } from "../../events";
import { draftFixture, partyFixture, postedFixture } from "./document-fixtures";
import { applySettlement, lockDocumentForSettlement, revertSettlement, type SettlementInput } from "./settlement";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

const settle = (organizationId: string, input: SettlementInput) => inTransaction(t.db, asService(organizationId), (tx) => applySettlement(tx, asService(organizationId), input));

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

it("settles a USD invoice in two parts: base round(amount × rate), then all that is left; partially_paid, then paid with the event", async () => {
  const org = t.organization();
  const customerId = await partyFixture(t, org.id, "customer", { currency: "USD" });
  const invoice = await postedFixture(org.api, "/invoices", { customerId, issueDate: "2026-05-04", lines: [{ description: "A", quantity: "1", unitPrice: "100" }] }, { exchangeRate: "0.9215" });
  expect(invoice).toMatchObject({ total: "100.00", baseTotal: "92.15" });

  const part = await settle(org.id, { documentId: invoice.id, amount: "33.33", source: "payment", date: "2026-05-10" });
  expect([part.baseAmount.toFixed(2), part.settled, part.document.status]).toEqual(["30.71", false, "partially_paid"]);
  const tooMuch = await refusal(settle(org.id, { documentId: invoice.id, amount: "66.68", source: "payment", date: "2026-05-11", path: "allocations.0.amount" }));
  expect([tooMuch.status, tooMuch.code, tooMuch.details]).toEqual([422, "ALLOCATION_EXCEEDS_DUE", [{ path: "allocations.0.amount", message: "At most 66.67 USD is due" }]]);
  const precision = await refusal(settle(org.id, { documentId: invoice.id, amount: "0.001", source: "credit", date: "2026-05-11" }));
  expect([precision.status, precision.code]).toEqual([422, "AMOUNT_PRECISION"]);

  const rest = await settle(org.id, { documentId: invoice.id, amount: "66.67", source: "credit", date: "2026-05-12" });
  expect([rest.baseAmount.toFixed(2), rest.settled, rest.document.status]).toEqual(["61.44", true, "paid"]);
  expect((await org.api.get(`/invoices/${invoice.id}`)).body.data).toMatchObject({
    status: "paid",
    amountPaid: "33.33",
    amountCredited: "66.67",
    amountDue: "0.00",
    baseAmountDue: "0.00",
    overdue: false,
  });
  const paid = (await t.outbox(org.id)).filter((row) => row.event_type === "finance.invoice.paid");
  expect(paid.map((row) => row.envelope.data)).toEqual([
    { number: invoice.number, partyId: customerId, currency: "USD", total: "100.00", amountPaid: "33.33", amountCredited: "66.67", paidOn: "2026-05-12" },
  ]);
  const again = await refusal(settle(org.id, { documentId: invoice.id, amount: "0.01", source: "payment", date: "2026-05-13" }));
  expect(again.code).toBe("ALLOCATION_EXCEEDS_DUE");

  // A voided payment gives its part back: due again, partially settled by the credit.
  const reverted = await inTransaction(t.db, asService(org.id), (tx) =>
    revertSettlement(tx, asService(org.id), { documentId: invoice.id, amount: "33.33", baseAmount: part.baseAmount, source: "payment" }),
  );
  expect([reverted.status, reverted.amountDue.toFixed(2), reverted.baseAmountDue.toFixed(2), reverted.amountPaid.toFixed(2)]).toEqual(["partially_paid", "33.33", "30.71", "0.00"]);
  const fully = await inTransaction(t.db, asService(org.id), (tx) =>
    revertSettlement(tx, asService(org.id), { documentId: invoice.id, amount: "66.67", baseAmount: rest.baseAmount, source: "credit" }),
  );
  expect([fully.status, fully.amountDue.toFixed(2), fully.baseAmountDue.toFixed(2)]).toEqual(["issued", "100.00", "92.15"]);
});

it("a draft is not settled (409), an unknown document is 422 naming the field, another organization's is unknown", async () => {
  const org = t.organization();
  const customerId = await partyFixture(t, org.id, "customer");
  const draft = await draftFixture(org.api, "/invoices", { customerId, lines: [{ description: "A", quantity: "1", unitPrice: "10" }] });
  const refused = await refusal(settle(org.id, { documentId: draft.id, amount: "1.00", source: "payment", date: "2026-05-10" }));
  expect([refused.status, refused.code]).toEqual([409, "INVALID_STATE"]);
  const other = t.organization();
  await other.api.get("/invoices");
  const unknown = await refusal(settle(other.id, { documentId: draft.id, amount: "1.00", source: "payment", date: "2026-05-10", path: "allocations.2.documentId" }));
  expect([unknown.status, unknown.code, unknown.details]).toEqual([422, "UNKNOWN_DOCUMENT", [{ path: "allocations.2.documentId", message: "No such document" }]]);
  expect(await inTransaction(t.db, asService(other.id), (tx) => lockDocumentForSettlement(tx, asService(other.id), draft.id))).toBeNull();
});

it("ten concurrent settlements of 30.00 against 100.00 due: three win, seven get ALLOCATION_EXCEEDS_DUE, 10.00 stays due", async () => {
  const org = t.organization();
  const customerId = await partyFixture(t, org.id, "customer");
  const invoice = await postedFixture(org.api, "/invoices", { customerId, issueDate: "2026-05-04", lines: [{ description: "A", quantity: "1", unitPrice: "100" }] });
  const results = await Promise.allSettled(Array.from({ length: 10 }, () => settle(org.id, { documentId: invoice.id, amount: "30.00", source: "payment", date: "2026-05-10" })));
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
  const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as AppError] : []));
  expect(refused.map((err) => err.code)).toEqual(Array(7).fill("ALLOCATION_EXCEEDS_DUE"));
  expect((await org.api.get(`/invoices/${invoice.id}`)).body.data).toMatchObject({ status: "partially_paid", amountPaid: "90.00", amountDue: "10.00", baseAmountDue: "10.00" });
});
