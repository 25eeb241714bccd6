/**
 * An entry a document posted (an invoice's, a bill's, a credit note's, a payment's or an exchange
 * difference's) is undone only by that document's void: POST /journal-entries/{id}/reverse is 409
 * INVALID_STATE for it, and leaves the books and the document as they were. The void then reverses it.
 */
import { startFinanceTestApp, type FinanceTestApp } from "../../../test/harness";
import { partyFixture, postedFixture } from "../documents/document-fixtures";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

it("refuses to reverse an invoice's entry on its own; voiding the invoice reverses it", async () => {
  const org = t.organization();
  const customerId = await partyFixture(t, org.id, "customer", { displayName: "Initech" });
  const invoice = await postedFixture(org.api, "/invoices", {
    customerId,
    issueDate: "2026-11-02",
    lines: [{ description: "Consulting", quantity: "2", unitPrice: "150.00" }],
  });
  const entryId = invoice.journalEntryId as string;

  const refused = await org.api.post(`/journal-entries/${entryId}/reverse`, { date: "2026-11-03" });
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe("INVALID_STATE");
  expect(refused.body.error.message).toMatch(/void/);
  const entry = await org.api.get(`/journal-entries/${entryId}`);
  expect(entry.body.data.reversedByEntryId ?? null).toBeNull();
  expect((await org.api.get(`/invoices/${invoice.id}`)).body.data.status).toBe("issued");

  const voided = await org.api.post(`/invoices/${invoice.id}/void`, { reason: "Issued twice" });
  expect(voided.status).toBe(200);
  expect((await org.api.get(`/journal-entries/${entryId}`)).body.data.reversedByEntryId).toEqual(expect.any(String));
});

it("a manual entry is still reversed through the journal", async () => {
  const org = t.organization();
  const cash = await t.account(org.api, "1110");
  const capital = await t.account(org.api, "3100");
  const posted = await org.api.post("/journal-entries?post=true", {
    date: "2026-11-02",
    lines: [
      { accountId: cash.id, debit: "10.00" },
      { accountId: capital.id, credit: "10.00" },
    ],
  });
  expect(posted.status).toBe(201);
  expect((await org.api.post(`/journal-entries/${posted.body.data.id}/reverse`, { date: "2026-11-03" })).status).toBe(201);
});
