/**
 * Credit notes through the finance app and a real database: full and partial credits (numbered
 * CN-2026-…, posted as the mirror of the credited lines, applied at once to the invoice), never
 * more than was invoiced and not yet credited (also when two requests race for the last unit), a
 * credit on a paid invoice staying as the customer's credit and allocated later, the receivable
 * invariant after every step, idempotent replays, the printed credit note, 400/403/404/409.
 */
import { inTransaction, uuidv7 } from "@erp/db";
import request from "supertest";
import { startFinanceTestApp, type FinanceTestApp } from "../../../test/harness";
import { bytes, pdfText } from "../../../test/pdf-text";
import { asService } from "../../events";
import { applyPartyStatus } from "../parties/party-read-model";
import { customer, invoice, receivableLedger, salesTaxRate, type TestOrganization } from "./credit-note.fixtures";
import type { CreditNoteDto } from "./credit-note.schemas";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

/** An organization, its customer and an issued invoice: 3 × 100.00 at 20 % VAT and 1 × 50.00 without tax (410.00). */
async function invoiced(org: TestOrganization = t.organization()) {
  const taxRateId = await salesTaxRate(org);
  const customerId = await customer(t, org);
  const issued = await invoice(org, {
    customerId,
    lines: [
      { description: "Widget", quantity: "3", unitPrice: "100.00", taxRateId },
      { description: "Installation", quantity: "1", unitPrice: "50.00" },
    ],
  });
  expect(issued.total).toBe("410.00");
  return { org, customerId, taxRateId, invoice: issued, widget: issued.lines[0]!.id, installation: issued.lines[1]!.id };
}

const credit = (org: TestOrganization, invoiceId: string, body: object = {}) => org.api.post(`/invoices/${invoiceId}/credit-notes`, body);
const creditNote = (res: { status: number; body: { data: CreditNoteDto } }) => {
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
};
const invoiceOf = async (org: TestOrganization, id: string) => (await org.api.get(`/invoices/${id}`)).body.data;

async function expectInvariant(org: TestOrganization) {
  const ledger = await receivableLedger(t, org);
  expect(ledger.balanced).toBe(true);
  expect(ledger.balance).toBe(ledger.expected);
}

describe("POST /invoices/{id}/credit-notes", () => {
  it("a full credit mirrors every line, posts the reverse at the invoice's rate, settles the invoice and publishes finance.credit_note.issued", async () => {
    const { org, customerId, invoice: inv } = await invoiced();
    const res = await credit(org, inv.id, { reason: "Order cancelled" });
    const note = creditNote(res);
    expect(res.headers.location).toBe(`/api/v1/finance/credit-notes/${note.id}`);
    expect(note).toMatchObject({
      status: "paid",
      number: "CN-2026-0001",
      invoiceId: inv.id,
      invoiceNumber: inv.number,
      customerId,
      currency: "EUR",
      exchangeRate: "1",
      reason: "Order cancelled",
      subtotal: "350.00",
      taxTotal: "60.00",
      total: "410.00",
      amountApplied: "410.00",
      amountUnapplied: "0.00",
      baseTotal: "410.00",
      baseAmountUnapplied: "0.00",
    });
    expect(note.lines.map((l) => [l.invoiceLineId, l.description, l.quantity, l.net, l.tax, l.total])).toEqual([
      [inv.lines[0]!.id, "Widget", "3", "300.00", "60.00", "360.00"],
      [inv.lines[1]!.id, "Installation", "1", "50.00", "0.00", "50.00"],
    ]);
    expect(note.allocations).toEqual([expect.objectContaining({ documentId: inv.id, documentNumber: inv.number, amount: "410.00", baseAmount: "410.00", baseDifference: "0.00" })]);

    const after = await invoiceOf(org, inv.id);
    expect(after).toMatchObject({ status: "paid", amountPaid: "0.00", amountCredited: "410.00", amountDue: "0.00", baseAmountDue: "0.00" });
    expect(after.lines.map((l: { creditedQuantity: string }) => l.creditedQuantity)).toEqual(["3", "1"]);

    const entry = (await org.api.get(`/journal-entries/${note.journalEntryId}`)).body.data;
    expect(entry.source).toEqual({ type: "credit_note", id: note.id });
    // The mirror of the invoice's entry: each of its lines with debit and credit swapped.
    const invoiceEntry = (await org.api.get(`/journal-entries/${(await invoiceOf(org, inv.id)).journalEntryId}`)).body.data;
    type Line = { accountId: string; debit: string; credit: string; party: unknown };
    const sides = (lines: Line[], swap: boolean) => lines.map((l) => [l.accountId, swap ? l.credit : l.debit, swap ? l.debit : l.credit, l.party]).sort();
    expect(sides(entry.lines, false)).toEqual(sides(invoiceEntry.lines, true));
    expect(entry.lines.find((l: Line) => l.party)).toMatchObject({ credit: "410.00", party: { type: "customer", id: customerId } });
    await expectInvariant(org);

    const events = (await t.outbox(org.id)).filter((row) => row.event_type === "finance.credit_note.issued");
    expect(events.map((row) => row.envelope.data)).toEqual([
      expect.objectContaining({ number: "CN-2026-0001", invoiceId: inv.id, total: "410.00", amountApplied: "410.00", amountUnapplied: "0.00" }),
    ]);
    expect((await t.outbox(org.id)).some((row) => row.event_type === "finance.invoice.paid")).toBe(true);

    const again = await credit(org, inv.id);
    expect([again.status, again.body.error.code]).toEqual([422, "NOTHING_TO_CREDIT"]);
  });

  it("a partial credit takes the credited quantity at the line's price and tax; the rest credited later adds up to the invoice exactly", async () => {
    const { org, invoice: inv, widget } = await invoiced();
    const first = creditNote(await credit(org, inv.id, { lines: [{ invoiceLineId: widget, quantity: "1" }] }));
    expect([first.number, first.subtotal, first.taxTotal, first.total, first.amountApplied, first.status]).toEqual(["CN-2026-0001", "100.00", "20.00", "120.00", "120.00", "paid"]);
    expect(await invoiceOf(org, inv.id)).toMatchObject({ status: "partially_paid", amountCredited: "120.00", amountDue: "290.00" });
    await expectInvariant(org);

    const rest = creditNote(await credit(org, inv.id));
    expect([rest.number, rest.total, rest.lines.map((l) => l.quantity)]).toEqual(["CN-2026-0002", "290.00", ["2", "1"]]);
    expect(await invoiceOf(org, inv.id)).toMatchObject({ status: "paid", amountCredited: "410.00", amountDue: "0.00" });
    await expectInvariant(org);
  });

  it("crediting a line's last units in parts never rounds past what was invoiced", async () => {
    const org = t.organization();
    const customerId = await customer(t, org);
    const taxRateId = await salesTaxRate(org, "7.7");
    const inv = await invoice(org, { customerId, lines: [{ description: "Thirds", quantity: "3", unitPrice: "0.335", taxRateId }] });
    const line = inv.lines[0]!.id;
    const parts = [];
    for (const quantity of ["1", "1", "1"]) parts.push(creditNote(await credit(org, inv.id, { lines: [{ invoiceLineId: line, quantity }] })));
    const after = await invoiceOf(org, inv.id);
    expect([after.status, after.amountDue, after.amountCredited]).toEqual(["paid", "0.00", inv.total]);
    expect(parts.reduce((sum, note) => sum + Math.round(Number(note.total) * 100), 0)).toBe(Math.round(Number(inv.total) * 100));
    await expectInvariant(org);
  });

  it("more than is invoiced and not yet credited is 422 naming the line's quantity; a line of another invoice is 422; a line twice is 400", async () => {
    const { org, invoice: inv, widget, customerId } = await invoiced();
    const over = await credit(org, inv.id, { lines: [{ invoiceLineId: widget, quantity: "4" }] });
    expect([over.status, over.body.error.code, over.body.error.details]).toEqual([422, "CREDIT_EXCEEDS_INVOICED", [{ path: "lines.0.quantity", message: "At most 3 is left to credit" }]]);
    creditNote(await credit(org, inv.id, { lines: [{ invoiceLineId: widget, quantity: "2" }] }));
    const left = await credit(org, inv.id, { lines: [{ invoiceLineId: inv.lines[1]!.id, quantity: "1" }, { invoiceLineId: widget, quantity: "1.5" }] });
    expect([left.status, left.body.error.code, left.body.error.details[0].path]).toEqual([422, "CREDIT_EXCEEDS_INVOICED", "lines.1.quantity"]);

    const other = await invoice(org, { customerId, lines: [{ description: "Other", quantity: "1", unitPrice: "10.00" }] });
    const foreignLine = await credit(org, inv.id, { lines: [{ invoiceLineId: other.lines[0]!.id, quantity: "1" }] });
    expect([foreignLine.status, foreignLine.body.error.code, foreignLine.body.error.details[0].path]).toEqual([422, "UNKNOWN_INVOICE_LINE", "lines.0.invoiceLineId"]);
    const twice = await credit(org, inv.id, { lines: [{ invoiceLineId: widget, quantity: "0.5" }, { invoiceLineId: widget, quantity: "0.5" }] });
    expect([twice.status, twice.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    expect((await invoiceOf(org, inv.id)).lines.map((l: { creditedQuantity: string }) => l.creditedQuantity)).toEqual(["2", "0"]);
    await expectInvariant(org);
  });

  it("two credit notes racing for the last unit of a line: one is issued, the other is 422", async () => {
    const { org, invoice: inv, widget } = await invoiced();
    creditNote(await credit(org, inv.id, { lines: [{ invoiceLineId: widget, quantity: "2" }] }));
    const raced = await Promise.all([1, 2].map(() => credit(org, inv.id, { lines: [{ invoiceLineId: widget, quantity: "1" }] })));
    expect(raced.map((res) => res.status).sort()).toEqual([201, 422]);
    expect(raced.find((res) => res.status === 422)!.body.error.details).toEqual([{ path: "lines.0.quantity", message: "At most 0 is left to credit" }]);
    const list = await org.api.get(`/credit-notes?customerId=${(await invoiceOf(org, inv.id)).customerId}`);
    expect(list.body.data.map((n: CreditNoteDto) => n.number).sort()).toEqual(["CN-2026-0001", "CN-2026-0002"]);
    expect((await invoiceOf(org, inv.id)).lines[0].creditedQuantity).toBe("3");
    await expectInvariant(org);
  });

  it("a credit on a paid invoice stays as the customer's credit, allocated later to another invoice of theirs (same currency only)", async () => {
    const { org, invoice: paid, customerId, widget } = await invoiced();
    const bank = await t.account(org.api, "1120");
    const payment = await org.api.post("/payments", {
      direction: "received",
      partyId: customerId,
      paymentDate: "2026-11-10",
      amount: "410.00",
      accountId: bank.id,
      allocations: [{ documentId: paid.id, amount: "410.00" }],
    });
    expect(payment.status).toBe(201);
    expect((await invoiceOf(org, paid.id)).status).toBe("paid");

    const note = creditNote(await credit(org, paid.id, { lines: [{ invoiceLineId: widget, quantity: "1" }] }));
    expect([note.status, note.total, note.amountApplied, note.amountUnapplied, note.baseAmountUnapplied, note.allocations]).toEqual(["issued", "120.00", "0.00", "120.00", "120.00", []]);
    expect(await invoiceOf(org, paid.id)).toMatchObject({ status: "paid", amountPaid: "410.00", amountCredited: "0.00", amountDue: "0.00" });
    await expectInvariant(org);

    const next = await invoice(org, { customerId, lines: [{ description: "Spare part", quantity: "1", unitPrice: "200.00" }] });
    const usd = await invoice(org, { customerId, currency: "USD", exchangeRate: "0.9", lines: [{ description: "Abroad", quantity: "1", unitPrice: "10.00" }] });
    const otherCustomer = await invoice(org, { customerId: await customer(t, org, { legalName: "Initech" }), lines: [{ description: "X", quantity: "1", unitPrice: "10.00" }] });
    const refused = async (documentId: string, amount: string) => {
      const res = await org.api.post(`/credit-notes/${note.id}/allocations`, { allocations: [{ documentId, amount }] });
      return [res.status, res.body.error?.code, res.body.error?.details?.[0]?.path];
    };
    expect(await refused(usd.id, "5.00")).toEqual([422, "DOCUMENT_NOT_CREDITABLE", "allocations.0.documentId"]);
    expect(await refused(otherCustomer.id, "5.00")).toEqual([422, "DOCUMENT_NOT_CREDITABLE", "allocations.0.documentId"]);
    expect(await refused(next.id, "120.01")).toEqual([422, "CREDIT_EXCEEDS_UNAPPLIED", "allocations.0.amount"]);
    expect(await refused(paid.id, "1.00")).toEqual([409, "INVALID_STATE", undefined]);

    const allocated = await org.api.post(`/credit-notes/${note.id}/allocations`, { allocations: [{ documentId: next.id, amount: "100.00" }] });
    expect(allocated.status).toBe(200);
    expect(allocated.body.data).toMatchObject({ status: "issued", amountApplied: "100.00", amountUnapplied: "20.00" });
    expect(allocated.body.data.allocations).toEqual([expect.objectContaining({ documentId: next.id, documentNumber: next.number, amount: "100.00", baseAmount: "100.00" })]);
    expect(await invoiceOf(org, next.id)).toMatchObject({ status: "partially_paid", amountCredited: "100.00", amountDue: "100.00" });
    await expectInvariant(org);

    const rest = await org.api.post(`/credit-notes/${note.id}/allocations`, { allocations: [{ documentId: next.id, amount: "20.00" }] });
    expect(rest.body.data).toMatchObject({ status: "paid", amountApplied: "120.00", amountUnapplied: "0.00", baseAmountUnapplied: "0.00" });
    expect(await invoiceOf(org, next.id)).toMatchObject({ status: "partially_paid", amountCredited: "120.00", amountDue: "80.00" });
    await expectInvariant(org);
  });

  it("credit allocated to an invoice at another rate posts the base difference as an exchange loss or gain; the receivable still matches", async () => {
    const org = t.organization();
    const customerId = await customer(t, org, { currency: "USD" });
    const bank = await t.account(org.api, "1120");
    const first = await invoice(org, { customerId, currency: "USD", exchangeRate: "0.9", lines: [{ description: "Unit", quantity: "1", unitPrice: "100.00" }] });
    const paid = await org.api.post("/payments", {
      direction: "received",
      partyId: customerId,
      paymentDate: "2026-11-03",
      amount: "90.00",
      currency: "EUR",
      accountId: bank.id,
      allocations: [{ documentId: first.id, amount: "100.00", paymentAmount: "90.00" }],
    });
    expect([paid.status, paid.body.error]).toEqual([201, undefined]);
    const note = creditNote(await credit(org, first.id));
    expect([note.exchangeRate, note.amountUnapplied, note.baseTotal, note.baseAmountUnapplied]).toEqual(["0.9", "100.00", "90.00", "90.00"]);
    await expectInvariant(org);

    const second = await invoice(org, { customerId, currency: "USD", exchangeRate: "0.95", lines: [{ description: "Unit", quantity: "1", unitPrice: "100.00" }] });
    const res = await org.api.post(`/credit-notes/${note.id}/allocations`, { allocations: [{ documentId: second.id, amount: "100.00" }] });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: "paid", amountUnapplied: "0.00", baseAmountUnapplied: "0.00" });
    expect(res.body.data.allocations).toEqual([expect.objectContaining({ documentId: second.id, amount: "100.00", baseAmount: "95.00", baseDifference: "-5.00" })]);
    expect(await invoiceOf(org, second.id)).toMatchObject({ status: "paid", amountDue: "0.00", baseAmountDue: "0.00" });
    await expectInvariant(org);
  });

  it("a draft or void invoice is 409 INVALID_STATE; a date before the invoice's is 422", async () => {
    const { org, customerId, invoice: inv } = await invoiced();
    const draft = await invoice(org, { customerId, draft: true, lines: [{ description: "Draft", quantity: "1", unitPrice: "10.00" }] });
    const res = await credit(org, draft.id);
    expect([res.status, res.body.error.code]).toEqual([409, "INVALID_STATE"]);
    const voided = await invoice(org, { customerId, lines: [{ description: "Void", quantity: "1", unitPrice: "10.00" }] });
    expect((await org.api.post(`/invoices/${voided.id}/void`, { reason: "Wrong customer" })).status).toBe(200);
    const onVoid = await credit(org, voided.id);
    expect([onVoid.status, onVoid.body.error.code]).toEqual([409, "INVALID_STATE"]);
    const early = await credit(org, inv.id, { issueDate: "2026-11-01" });
    expect([early.status, early.body.error.code, early.body.error.details[0].path]).toEqual([422, "CREDIT_NOTE_BEFORE_INVOICE", "issueDate"]);
  });

  it("an issue date later than today is 422 DATE_IN_FUTURE naming issueDate: the invoice would be credited now, the books only then", async () => {
    const { org, customerId, invoice: inv } = await invoiced();
    const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    for (const issueDate of ["2099-01-01", days(2)]) {
      const refused = await credit(org, inv.id, { issueDate });
      expect([refused.status, refused.body.error.code, refused.body.error.details[0].path]).toEqual([422, "DATE_IN_FUTURE", "issueDate"]);
    }
    expect(await invoiceOf(org, inv.id)).toMatchObject({ status: "issued", amountCredited: "0.00", amountDue: "410.00", creditNotes: [] });
    // An invoice issued ahead is credited on its issue date.
    const ahead = await invoice(org, { customerId, issueDate: days(30), lines: [{ description: "Ahead", quantity: "1", unitPrice: "10.00" }] });
    expect(creditNote(await credit(org, ahead.id, { issueDate: days(30) })).issueDate).toBe(days(30));
    await expectInvariant(org);
  });

  it("a customer archived since the invoice gets no credit note (422 PARTY_ARCHIVED naming customerId); nothing is written", async () => {
    const { org, customerId, invoice: inv } = await invoiced();
    await inTransaction(t.db, asService(org.id), (tx) =>
      applyPartyStatus(tx, asService(org.id), { kind: "customer", id: customerId, code: "CUS", archived: true, occurredAt: new Date().toISOString() }),
    );
    const refused = await credit(org, inv.id);
    expect([refused.status, refused.body.error.code, refused.body.error.details[0].path]).toEqual([422, "PARTY_ARCHIVED", "customerId"]);
    expect(await invoiceOf(org, inv.id)).toMatchObject({ status: "issued", amountCredited: "0.00", creditNotes: [] });
    expect((await org.api.get("/credit-notes")).body.data).toEqual([]);
  });

  it("400 with details, 403 without finance.invoice.issue (a viewer), 404 for another organization's invoice, before anything is written", async () => {
    const { org, invoice: inv, widget } = await invoiced();
    for (const [body, path] of [
      [{ lines: [{ invoiceLineId: widget, quantity: "-1" }] }, "lines.0.quantity"],
      [{ lines: [{ invoiceLineId: widget, quantity: 1 }] }, "lines.0.quantity"],
      [{ lines: [] }, "lines"],
      [{ issueDate: "2026-13-01" }, "issueDate"],
      [{ extra: true }, ""],
    ] as const) {
      const res = await credit(org, inv.id, body);
      expect([JSON.stringify(body), res.status, res.body.error.code]).toEqual([JSON.stringify(body), 400, "VALIDATION_FAILED"]);
      if (path) expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await t.api(t.viewerToken(org.id)).post(`/invoices/${inv.id}/credit-notes`, {})).status).toBe(403);
    const other = t.organization();
    const foreign = await credit(other, inv.id);
    expect([foreign.status, foreign.body.error.code]).toEqual([404, "NOT_FOUND"]);
    expect((await credit(org, uuidv7())).status).toBe(404);
    expect((await invoiceOf(org, inv.id)).amountCredited).toBe("0.00");
  });

  it("with an Idempotency-Key a retry replays the first answer and issues nothing more; another body with the key is 422", async () => {
    const { org, invoice: inv, widget } = await invoiced();
    const send = (body: object) => request(t.app).post(`${t.basePath}/invoices/${inv.id}/credit-notes`).set("Authorization", `Bearer ${org.token}`).set("Idempotency-Key", "cn-retry-1").send(body);
    const body = { lines: [{ invoiceLineId: widget, quantity: "1" }] };
    const first = await send(body);
    const replay = await send(body);
    expect(first.status).toBe(201);
    expect([replay.status, replay.body, replay.headers.location]).toEqual([201, first.body, first.headers.location]);
    expect((await org.api.get("/credit-notes")).body.data).toHaveLength(1);
    expect((await send({ lines: [{ invoiceLineId: widget, quantity: "2" }] })).status).toBe(422);
    expect((await invoiceOf(org, inv.id)).lines[0].creditedQuantity).toBe("1");
  });

  it("ten identical requests with one Idempotency-Key at once: one credit note, every answer the same 201 or a 409 while the first is in flight", async () => {
    const { org, invoice: inv, widget } = await invoiced();
    const body = { lines: [{ invoiceLineId: widget, quantity: "1" }] };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        request(t.app).post(`${t.basePath}/invoices/${inv.id}/credit-notes`).set("Authorization", `Bearer ${org.token}`).set("Idempotency-Key", "cn-burst").send(body),
      ),
    );
    const created = answers.filter((res) => res.status === 201);
    expect(created.length).toBeGreaterThan(0);
    expect(answers.every((res) => res.status === 201 || (res.status === 409 && res.body.error.code === "IDEMPOTENCY_KEY_IN_USE"))).toBe(true);
    expect(new Set(created.map((res) => JSON.stringify(res.body))).size).toBe(1);
    expect((await org.api.get("/credit-notes")).body.data).toHaveLength(1);
    expect((await invoiceOf(org, inv.id)).lines[0].creditedQuantity).toBe("1");
    await expectInvariant(org);
  });
});

describe("GET /credit-notes, GET /credit-notes/{id}, GET /credit-notes/{id}/pdf", () => {
  it("lists with filters and keyset pages; reads one; prints it naming the credited invoice", async () => {
    const { org, invoice: inv, widget, installation, customerId } = await invoiced();
    const a = creditNote(await credit(org, inv.id, { issueDate: "2026-11-05", lines: [{ invoiceLineId: widget, quantity: "1" }] }));
    const b = creditNote(await credit(org, inv.id, { issueDate: "2026-11-06", lines: [{ invoiceLineId: installation, quantity: "1" }] }));
    const first = await org.api.get(`/credit-notes?customerId=${customerId}&limit=1`);
    expect(first.body.data.map((n: CreditNoteDto) => n.number)).toEqual([b.number]);
    expect(first.body.page.hasMore).toBe(true);
    const second = await org.api.get(`/credit-notes?customerId=${customerId}&limit=1&cursor=${first.body.page.nextCursor}`);
    expect(second.body.data.map((n: CreditNoteDto) => n.number)).toEqual([a.number]);
    expect((await org.api.get("/credit-notes?from=2026-11-06")).body.data.map((n: CreditNoteDto) => n.id)).toEqual([b.id]);
    expect((await org.api.get("/credit-notes?status=issued")).body.data).toEqual([]);
    expect((await org.api.get(`/credit-notes/${a.id}`)).body.data).toEqual(a);

    const pdf = await request(t.app)
      .get(`${t.basePath}/credit-notes/${a.id}/pdf`)
      .set("Authorization", `Bearer ${org.token}`)
      .buffer(true)
      .parse(bytes);
    expect([pdf.status, pdf.headers["content-type"], pdf.headers["content-disposition"]]).toEqual([200, "application/pdf", `inline; filename="${a.number}.pdf"`]);
    const text = await pdfText(pdf.body as Buffer);
    for (const shown of [`Credit note ${a.number}`, "Credits invoice", inv.number!, "Globex Trading GmbH", "120.00 EUR"]) expect(text).toContain(shown);
  });

  it("403 without finance.invoice.read; 404 for another organization's credit note; 400 for a bad filter", async () => {
    const { org, invoice: inv } = await invoiced();
    const note = creditNote(await credit(org, inv.id));
    expect((await t.api(t.token(org.id, [])).get(`/credit-notes/${note.id}`)).status).toBe(403);
    expect((await t.api(t.token(org.id, [])).get("/credit-notes")).status).toBe(403);
    expect((await t.api(t.viewerToken(org.id)).get(`/credit-notes/${note.id}`)).status).toBe(200);
    const other = t.organization();
    expect((await other.api.get(`/credit-notes/${note.id}`)).status).toBe(404);
    expect((await other.api.get(`/credit-notes/${note.id}/pdf`)).status).toBe(404);
    expect((await other.api.post(`/credit-notes/${note.id}/allocations`, { allocations: [{ documentId: inv.id, amount: "1.00" }] })).status).toBe(404);
    expect((await other.api.get("/credit-notes")).body.data).toEqual([]);
    expect((await org.api.get("/credit-notes?status=void")).status).toBe(400);
    expect((await org.api.post(`/credit-notes/${note.id}/allocations`, { allocations: [] })).status).toBe(400);
    expect((await t.api(t.viewerToken(org.id)).post(`/credit-notes/${note.id}/allocations`, { allocations: [{ documentId: inv.id, amount: "1.00" }] })).status).toBe(403);
  });
});
