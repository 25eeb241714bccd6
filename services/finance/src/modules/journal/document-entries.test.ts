/**
 * An entry a document posted (an invoice's, a bill's, a credit note's, a payment's or an exchange
 * difference's) is undone only by that document's void: POST /journal-entries/{id}/reverse is 409
 * INVALID_STATE for it, and leaves the books and the document as they were. The void then reverses it.
 * And only such entries post to the control accounts (receivable, payable): a manual one is 422 CONTROL_ACCOUNT.
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

it("a manual entry cannot post to a control account (accounts receivable or payable): 422 CONTROL_ACCOUNT naming the line, nothing written", async () => {
  const org = t.organization();
  const receivable = await t.account(org.api, "1200");
  const payable = await t.account(org.api, "2110");
  const sales = await t.account(org.api, "4100");
  const direct = await org.api.post("/journal-entries?post=true", {
    date: "2026-11-02",
    lines: [
      { accountId: sales.id, debit: "10.00" },
      { accountId: receivable.id, credit: "10.00", party: { type: "customer", id: "0193a1b2-0000-7000-8000-000000000001" } },
    ],
  });
  expect([direct.status, direct.body.error.code, direct.body.error.details[0].path]).toEqual([422, "CONTROL_ACCOUNT", "lines.1.accountId"]);
  const draft = await org.api.post("/journal-entries", { date: "2026-11-02", lines: [{ accountId: payable.id, debit: "5.00" }, { accountId: sales.id, credit: "5.00" }] });
  expect(draft.status).toBe(201);
  const posted = await org.api.post(`/journal-entries/${draft.body.data.id}/post`, {});
  expect([posted.status, posted.body.error.code]).toEqual([422, "CONTROL_ACCOUNT"]);
  expect((await org.api.get(`/journal-entries/${draft.body.data.id}`)).body.data.status).toBe("draft");
  expect((await org.api.get("/journal-entries?status=posted&count=true")).body.page.total).toBe(0);
});
