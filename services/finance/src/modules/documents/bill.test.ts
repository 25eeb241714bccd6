/**
 * /bills through the finance app and a real database: the same lifecycle as invoices for
 * suppliers (draft with the purchase cost, approve posts payable credit, expense and recoverable
 * tax debits, void), the supplier's own invoice number unique per supplier (also under a race,
 * freed by a void), purchase-only tax rates, permissions and organizations.
 */
import { startFinanceTestApp, type FinanceTestApp } from "../../../test/harness";
import { draftFixture, partyFixture, postedFixture, productFixture, taxRateFixture } from "./document-fixtures";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

async function setUp() {
  const org = t.organization();
  const inputTax = await taxRateFixture(org.api, { name: "Input VAT 10%", rate: "10", appliesTo: "purchase" });
  const supplierId = await partyFixture(t, org.id, "supplier", { displayName: "Acme Supplies", paymentTermsDays: 45 });
  const productId = await productFixture(t, org.id, { name: "Steel bar", purchaseCost: "12.3450" });
  return { org, inputTax, supplierId, productId };
}

interface Line {
  accountId: string;
  debit: string;
  credit: string;
  party: { type: string; id: string } | null;
}

describe("bills", () => {
  it("a draft takes the supplier's terms and the product's purchase cost; approving numbers it and posts Cr payable, Dr expense and recoverable tax", async () => {
    const { org, inputTax, supplierId, productId } = await setUp();
    const rent = await t.account(org.api, "6200");
    const inventory = await t.account(org.api, "1300");
    const res = await org.api.post("/bills", {
      supplierId,
      issueDate: "2026-04-10",
      supplierInvoiceNumber: "AC-5531",
      lines: [
        { productId, quantity: "10", taxRateId: inputTax, accountId: inventory.id },
        { description: "Office rent April", quantity: "1", unitPrice: "1000", accountId: rent.id, taxRateId: inputTax },
        { description: "Sundries", quantity: "1", unitPrice: "5" },
      ],
    });
    expect(res.status).toBe(201);
    const draft = res.body.data;
    expect(draft).toMatchObject({ status: "draft", supplierId, supplierInvoiceNumber: "AC-5531", dueDate: "2026-05-25", currency: "EUR", subtotal: "1128.45", taxTotal: "112.35", total: "1240.80" });
    expect(draft).not.toHaveProperty("customerId");
    expect(draft.lines[0]).toMatchObject({ description: "Steel bar", unitPrice: "12.345", net: "123.45", tax: "12.35" });

    const approved = await org.api.post(`/bills/${draft.id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body.data).toMatchObject({ status: "approved", number: "BILL-2026-0001", baseTotal: "1240.80", amountDue: "1240.80" });
    const entry = (await org.api.get(`/journal-entries/${approved.body.data.journalEntryId}`)).body.data;
    const payable = await t.account(org.api, "2110");
    const defaultExpense = await t.account(org.api, "6100");
    const inputTaxAccount = await t.account(org.api, "1400");
    expect(entry.source).toEqual({ type: "bill", id: draft.id });
    expect(entry.lines.map((l: Line) => [l.accountId, l.debit, l.credit, l.party?.id ?? null])).toEqual([
      [payable.id, "0.00", "1240.80", supplierId],
      [inventory.id, "123.45", "0.00", null],
      [rent.id, "1000.00", "0.00", null],
      [defaultExpense.id, "5.00", "0.00", null],
      [inputTaxAccount.id, "112.35", "0.00", null],
    ]);
    const tb = (await org.api.get("/reports/trial-balance?asOf=2026-12-31")).body.data;
    expect(tb.totals.debit).toBe(tb.totals.credit);
    expect(tb.rows.find((row: { code: string }) => row.code === "2110")?.closing).toBe("-1240.80");
    const event = (await t.outbox(org.id)).find((row) => row.event_type === "finance.bill.approved");
    expect(event?.envelope.data).toMatchObject({ number: "BILL-2026-0001", partyId: supplierId, supplierInvoiceNumber: "AC-5531", total: "1240.80" });

    const twice = await org.api.post(`/bills/${draft.id}/approve`, {});
    expect([twice.status, twice.body.error.code]).toEqual([409, "INVALID_STATE"]);
    const voided = await org.api.post(`/bills/${draft.id}/void`, { reason: "Entered twice" });
    expect(voided.body.data).toMatchObject({ status: "void", amountDue: "0.00" });
    expect((await t.outboxTypes(org.id)).filter((type) => type === "finance.bill.voided")).toHaveLength(1);
    const after = (await org.api.get("/reports/trial-balance?asOf=2026-12-31")).body.data;
    expect(after.rows.find((row: { code: string }) => row.code === "2110")?.closing ?? "0.00").toBe("0.00");
  });

  it("the supplier's invoice number is unique per supplier ignoring case (409), also for two drafts racing, not across suppliers, and a void frees it", async () => {
    const { org, supplierId } = await setUp();
    const otherSupplier = await partyFixture(t, org.id, "supplier");
    const body = { supplierId, supplierInvoiceNumber: "INV-77", lines: [{ description: "A", quantity: "1", unitPrice: "10" }] };
    const first = await postedFixture(org.api, "/bills", body);
    const taken = await org.api.post("/bills", body);
    expect([taken.status, taken.body.error.code, taken.body.error.details]).toEqual([
      409,
      "SUPPLIER_INVOICE_NUMBER_TAKEN",
      [{ path: "supplierInvoiceNumber", message: "Taken by another bill of the supplier" }],
    ]);
    const otherCase = await org.api.post("/bills", { ...body, supplierInvoiceNumber: " inv-77 " });
    expect([otherCase.status, otherCase.body.error.code]).toEqual([409, "SUPPLIER_INVOICE_NUMBER_TAKEN"]);
    // Compared as text, not as a pattern: "_" is no wildcard.
    await draftFixture(org.api, "/bills", { ...body, supplierInvoiceNumber: "INV_77" });
    await draftFixture(org.api, "/bills", { ...body, supplierId: otherSupplier });
    const other = await draftFixture(org.api, "/bills", { ...body, supplierInvoiceNumber: "INV-78" });
    const renamed = await org.api.patch(`/bills/${other.id}`, { supplierInvoiceNumber: "INV-77" });
    expect([renamed.status, renamed.body.error.code]).toEqual([409, "SUPPLIER_INVOICE_NUMBER_TAKEN"]);

    // Racing past the check in code, the unique index (on lower() of the number) still refuses the second.
    const race = await Promise.all(["RACE-1", "race-1"].map((supplierInvoiceNumber) => org.api.post("/bills", { ...body, supplierInvoiceNumber })));
    expect(race.map((res) => res.status).sort()).toEqual([201, 409]);
    expect(race.find((res) => res.status === 409)?.body.error.code).toBe("SUPPLIER_INVOICE_NUMBER_TAKEN");

    expect((await org.api.post(`/bills/${first.id}/void`, { reason: "Wrong amount" })).status).toBe(200);
    expect((await org.api.post("/bills", body)).status).toBe(201);
  });

  it("422 for a sales-only tax rate or a customer as supplier; 400 for an invoice's customerId", async () => {
    const { org, supplierId } = await setUp();
    const salesTax = await taxRateFixture(org.api, { rate: "20", appliesTo: "sales" });
    const customerId = await partyFixture(t, org.id, "customer");
    const line = { description: "A", quantity: "1", unitPrice: "10" };
    const notApplicable = await org.api.post("/bills", { supplierId, lines: [{ ...line, taxRateId: salesTax }] });
    expect([notApplicable.status, notApplicable.body.error.code, notApplicable.body.error.details[0].path]).toEqual([422, "TAX_RATE_NOT_APPLICABLE", "lines.0.taxRateId"]);
    const customer = await org.api.post("/bills", { supplierId: customerId, lines: [line] });
    expect([customer.status, customer.body.error.code]).toEqual([422, "UNKNOWN_SUPPLIER"]);
    const income = await t.account(org.api, "4100");
    const incomeLine = await org.api.post("/bills", { supplierId, lines: [{ ...line, accountId: income.id }] });
    expect([incomeLine.status, incomeLine.body.error.code]).toEqual([422, "INVALID_DOCUMENT_ACCOUNT"]);
    expect((await org.api.post("/bills", { customerId: supplierId, lines: [line] })).status).toBe(400);
    expect((await org.api.get("/bills?count=true")).body.page.total).toBe(0);
  });

  it("approve needs finance.bill.approve; void needs finance.bill.void; another organization's bill is 404", async () => {
    const { org, supplierId } = await setUp();
    const draft = await draftFixture(org.api, "/bills", { supplierId, lines: [{ description: "A", quantity: "1", unitPrice: "10" }] });
    const clerk = t.api(t.token(org.id, ["finance.bill.read", "finance.bill.manage"]));
    expect((await clerk.post(`/bills/${draft.id}/approve`, {})).status).toBe(403);
    expect((await clerk.patch(`/bills/${draft.id}`, { notes: "ok" })).status).toBe(200);
    const approver = t.api(t.token(org.id, ["finance.bill.read", "finance.bill.approve"]));
    expect((await approver.post(`/bills/${draft.id}/approve`, {})).status).toBe(200);
    expect((await approver.post(`/bills/${draft.id}/void`, { reason: "x" })).status).toBe(403);
    const other = t.organization();
    for (const res of [await other.api.get(`/bills/${draft.id}`), await other.api.post(`/bills/${draft.id}/void`, { reason: "x" }), await org.api.get(`/invoices/${draft.id}`)]) {
      expect(res.status).toBe(404);
    }
    expect((await org.api.get(`/bills/${draft.id}`)).body.data.status).toBe("approved");
  });
});
