/**
 * /invoices through the finance app and a real database: drafts (defaults, server-owned totals,
 * edit, delete), issue (number, entry, trial balance), void, the state machine's illegal
 * transitions (409), validation (400 with nothing written), permissions (403), other
 * organizations (404), the list's filters, and the database refusing to change an issued
 * invoice's lines.
 */
import pg from "pg";
import { APP_ROLE, inTransaction } from "@erp/db";
import { startFinanceTestApp, type Api, type FinanceTestApp } from "../../../test/harness";
import { asService } from "../../events";
import { applyPartyStatus } from "../parties/party-read-model";
import { draftFixture, partyFixture, postedFixture, productFixture, taxRateFixture } from "./document-fixtures";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

interface Line {
  accountId: string;
  debit: string;
  credit: string;
  baseDebit: string;
  baseCredit: string;
  party: { type: string; id: string } | null;
}

/** An organization with a customer, a product, a 20 % sales tax rate and the accounts the tests check. */
async function setUp() {
  const org = t.organization();
  const vat = await taxRateFixture(org.api, { name: "VAT 20%", rate: "20", appliesTo: "sales" });
  const customerId = await partyFixture(t, org.id, "customer", { displayName: "Globex", paymentTermsDays: 14 });
  const productId = await productFixture(t, org.id, { name: "Widget", salePrice: "100.00" });
  const receivable = await t.account(org.api, "1200");
  const sales = await t.account(org.api, "4100");
  const otherIncome = await t.account(org.api, "4900");
  const salesTax = await t.account(org.api, "2200");
  return { org, vat, customerId, productId, receivable, sales, otherIncome, salesTax };
}

const entryOf = async (api: Api, id: string) => {
  const res = await api.get(`/journal-entries/${id}`);
  expect(res.status).toBe(200);
  return res.body.data as { status: string; number: string; date: string; source: { type: string; id: string }; lines: Line[]; reversalOfEntryId: string | null };
};

async function trialBalanceBalances(api: Api, asOf = "2026-12-31") {
  const res = await api.get(`/reports/trial-balance?asOf=${asOf}`);
  expect(res.status).toBe(200);
  const { totals } = res.body.data;
  expect(totals.debit).toBe(totals.credit);
  expect(totals.closingDebit).toBe(totals.closingCredit);
  return res.body.data as { rows: { code: string; closing: string }[] };
}

describe("draft invoices", () => {
  it("creates a draft with the customer's terms and currency, product defaults, and server-owned totals per line", async () => {
    const { org, vat, customerId, productId, sales } = await setUp();
    const res = await org.api.post("/invoices", {
      customerId,
      issueDate: "2026-03-02",
      reference: "PO-7781",
      lines: [
        { productId, quantity: "2", taxRateId: vat },
        { description: "Installation", quantity: "1.5", unitPrice: "80", discountPercent: "10", taxRateId: vat },
        { description: "Shipping", quantity: "1", unitPrice: "9.99" },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/finance/invoices/${res.body.data.id}`);
    const invoice = res.body.data;
    expect(invoice).toMatchObject({
      status: "draft",
      number: null,
      customerId,
      partyName: "Globex",
      issueDate: "2026-03-02",
      dueDate: "2026-03-16",
      currency: "EUR",
      exchangeRate: null,
      reference: "PO-7781",
      subtotal: "317.99",
      taxTotal: "61.60",
      total: "379.59",
      amountPaid: "0.00",
      amountCredited: "0.00",
      amountDue: "379.59",
      journalEntryId: null,
      overdue: false,
    });
    expect(invoice).not.toHaveProperty("supplierInvoiceNumber");
    expect(invoice.taxes).toEqual([{ taxRateId: vat, rate: "20", base: "308.00", tax: "61.60" }]);
    expect(invoice.lines.map((l: Record<string, string>) => [l.description, l.quantity, l.unitPrice, l.discountPercent, l.net, l.tax, l.total, l.accountId])).toEqual([
      ["Widget", "2", "100.00", "0.00", "200.00", "40.00", "240.00", sales.id],
      ["Installation", "1.5", "80.00", "10.00", "108.00", "21.60", "129.60", sales.id],
      ["Shipping", "1", "9.99", "0.00", "9.99", "0.00", "9.99", sales.id],
    ]);
    expect((await org.api.get(`/invoices/${invoice.id}`)).body.data).toEqual(invoice);
  });

  it("edits a draft (lines replaced, totals computed again) and deletes it", async () => {
    const { org, customerId, otherIncome } = await setUp();
    const draft = await draftFixture(org.api, "/invoices", { customerId, issueDate: "2026-03-02", lines: [{ description: "A", quantity: "1", unitPrice: "10" }] });
    const patched = await org.api.patch(`/invoices/${draft.id}`, {
      dueDate: "2026-05-01",
      notes: "Thanks",
      lines: [{ description: "B", quantity: "3", unitPrice: "7.50", accountId: otherIncome.id }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ dueDate: "2026-05-01", notes: "Thanks", subtotal: "22.50", total: "22.50", amountDue: "22.50" });
    expect(patched.body.data.lines).toHaveLength(1);
    expect(patched.body.data.lines[0]).toMatchObject({ description: "B", accountId: otherIncome.id, lineNumber: 1 });
    // A new issue date without a due date: the customer's 14 days from it.
    const moved = await org.api.patch(`/invoices/${draft.id}`, { issueDate: "2026-04-01" });
    expect(moved.body.data).toMatchObject({ issueDate: "2026-04-01", dueDate: "2026-04-15" });
    expect((await org.api.delete(`/invoices/${draft.id}`)).status).toBe(204);
    expect((await org.api.get(`/invoices/${draft.id}`)).status).toBe(404);
  });

  it("a product's line without taxRateId takes the product's tax rate (the active sales rate of its percentage); null is no tax; none of that percentage is 422", async () => {
    const { org, customerId, vat } = await setUp();
    await taxRateFixture(org.api, { name: "Purchase VAT 20%", rate: "20", appliesTo: "purchase" });
    const taxed = await productFixture(t, org.id, { name: "Taxed widget", salePrice: "50.00", taxRate: "20.00" });
    const draft = await draftFixture(org.api, "/invoices", {
      customerId,
      issueDate: "2026-03-02",
      lines: [{ productId: taxed, quantity: "2" }, { productId: taxed, quantity: "1", taxRateId: null }],
    });
    expect(draft.lines).toMatchObject([
      { taxRateId: vat, net: "100.00", tax: "20.00", total: "120.00" },
      { taxRateId: null, net: "50.00", tax: "0.00", total: "50.00" },
    ]);
    expect(draft).toMatchObject({ subtotal: "150.00", total: "170.00" });
    // Edited, the stored lines keep what they were given: the untaxed one is not defaulted again.
    const yen = await org.api.patch(`/invoices/${draft.id}`, { notes: "kept" });
    expect(yen.body.data.lines.map((line: { taxRateId: string | null }) => line.taxRateId)).toEqual([vat, null]);

    const odd = await productFixture(t, org.id, { name: "Odd rate", salePrice: "10.00", taxRate: "7.70" });
    const refused = await org.api.post("/invoices", { customerId, issueDate: "2026-03-02", lines: [{ description: "X", quantity: "1", unitPrice: "1" }, { productId: odd, quantity: "1" }] });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: "PRODUCT_TAX_RATE_MISSING", details: [{ path: "lines.1.taxRateId" }] });
  });

  it("a new currency prices the lines again in it (JPY: whole yen); a new customer moves the due date to its terms", async () => {
    const { org, customerId } = await setUp();
    const draft = await draftFixture(org.api, "/invoices", { customerId, issueDate: "2026-03-02", lines: [{ description: "A", quantity: "3", unitPrice: "10.50" }] });
    expect(draft).toMatchObject({ currency: "EUR", total: "31.50", dueDate: "2026-03-16" });
    const yen = await org.api.patch(`/invoices/${draft.id}`, { currency: "JPY" });
    expect(yen.body.data).toMatchObject({ currency: "JPY", subtotal: "32", total: "32", amountDue: "32" });
    expect(yen.body.data.lines[0]).toMatchObject({ unitPrice: "10.5", net: "32" });
    const other = await partyFixture(t, org.id, "customer", { paymentTermsDays: 60 });
    const moved = await org.api.patch(`/invoices/${draft.id}`, { customerId: other });
    expect(moved.body.data).toMatchObject({ customerId: other, dueDate: "2026-05-01", currency: "JPY" });
  });

  it("400 with field errors for what the schema refuses, nothing written", async () => {
    const { org, customerId } = await setUp();
    const line = { description: "A", quantity: "1", unitPrice: "10" };
    const cases: [Record<string, unknown>, string][] = [
      [{ lines: [line] }, "customerId"],
      [{ customerId: "nope", lines: [line] }, "customerId"],
      [{ customerId, lines: [] }, "lines"],
      [{ customerId, lines: [{ ...line, quantity: "0" }] }, "lines.0.quantity"],
      [{ customerId, lines: [{ ...line, quantity: 1 }] }, "lines.0.quantity"],
      [{ customerId, lines: [{ ...line, unitPrice: "-1" }] }, "lines.0.unitPrice"],
      [{ customerId, lines: [{ ...line, discountPercent: "100.5" }] }, "lines.0.discountPercent"],
      [{ customerId, lines: [{ quantity: "1", unitPrice: "10" }] }, "lines.0.description"],
      [{ customerId, lines: [{ description: "A", quantity: "1" }] }, "lines.0.unitPrice"],
      [{ customerId, currency: "XXY", lines: [line] }, "currency"],
      [{ customerId, issueDate: "2026-02-30", lines: [line] }, "issueDate"],
      [{ customerId, issueDate: "2026-03-10", dueDate: "2026-03-01", lines: [line] }, "dueDate"],
      [{ customerId, supplierInvoiceNumber: "X", lines: [line] }, "supplierInvoiceNumber"],
    ];
    for (const [body, path] of cases) {
      const res = await org.api.post("/invoices", body);
      expect([JSON.stringify(body), res.status, res.body.error.code]).toEqual([JSON.stringify(body), 400, "VALIDATION_FAILED"]);
      expect([JSON.stringify(body), res.body.error.details.some((d: { path: string }) => d.path === path)]).toEqual([JSON.stringify(body), true]);
    }
    expect((await org.api.get("/invoices?count=true")).body.page.total).toBe(0);
  });

  it("422 naming the field for an unknown or archived customer, an unusable tax rate, a product without a price in the currency, an account that is not income", async () => {
    const { org, customerId } = await setUp();
    const purchaseTax = await taxRateFixture(org.api, { rate: "10", appliesTo: "purchase" });
    const usdProduct = await productFixture(t, org.id, { currency: "USD", salePrice: "5.00" });
    const archived = await partyFixture(t, org.id, "customer", { status: "archived" });
    const supplier = await partyFixture(t, org.id, "supplier");
    const bank = await t.account(org.api, "1120");
    const line = { description: "A", quantity: "1", unitPrice: "10" };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ customerId: supplier, lines: [line] }, "UNKNOWN_CUSTOMER", "customerId"],
      [{ customerId: archived, lines: [line] }, "PARTY_ARCHIVED", "customerId"],
      [{ customerId, lines: [line, { ...line, taxRateId: purchaseTax }] }, "TAX_RATE_NOT_APPLICABLE", "lines.1.taxRateId"],
      [{ customerId, lines: [{ productId: usdProduct, quantity: "1" }] }, "UNIT_PRICE_REQUIRED", "lines.0.unitPrice"],
      [{ customerId, lines: [{ ...line, accountId: bank.id }] }, "INVALID_DOCUMENT_ACCOUNT", "lines.0.accountId"],
      [{ customerId, lines: [{ ...line, productId: customerId }] }, "UNKNOWN_PRODUCT", "lines.0.productId"],
    ];
    for (const [body, code, path] of cases) {
      const res = await org.api.post("/invoices", body);
      expect([code, res.status, res.body.error.code, res.body.error.details?.[0]?.path]).toEqual([code, 422, code, path]);
    }
    // QA: "does not apply to saless".
    const notApplicable = await org.api.post("/invoices", { customerId, lines: [{ ...line, taxRateId: purchaseTax }] });
    expect(notApplicable.body.error.message).toMatch(/does not apply to sales$/);
    const supplierBill = await org.api.post("/bills", { supplierId: supplier, lines: [{ ...line, taxRateId: await taxRateFixture(org.api, { rate: "7", appliesTo: "sales" }) }] });
    expect(supplierBill.body.error.message).toMatch(/does not apply to purchases$/);
    expect((await org.api.get("/invoices?count=true")).body.page.total).toBe(0);
  });
});

describe("issuing an invoice", () => {
  it("numbers it, posts a balanced entry (receivable = total with the customer, income and tax credits) and the trial balance balances", async () => {
    const { org, vat, customerId, productId, receivable, sales, salesTax, otherIncome } = await setUp();
    const draft = await draftFixture(org.api, "/invoices", {
      customerId,
      issueDate: "2026-03-02",
      lines: [
        { productId, quantity: "2", taxRateId: vat },
        { description: "Consulting", quantity: "1", unitPrice: "50", accountId: otherIncome.id, taxRateId: vat },
        { description: "Extra", quantity: "1", unitPrice: "10" },
      ],
    });
    const res = await org.api.post(`/invoices/${draft.id}/issue`, {});
    expect(res.status).toBe(200);
    const invoice = res.body.data;
    expect(invoice).toMatchObject({
      status: "issued",
      number: "INV-2026-0001",
      exchangeRate: "1",
      subtotal: "260.00",
      taxTotal: "50.00",
      total: "310.00",
      amountDue: "310.00",
      baseTotal: "310.00",
      baseAmountDue: "310.00",
    });
    expect(invoice.issuedAt).not.toBeNull();
    const entry = await entryOf(org.api, invoice.journalEntryId);
    expect(entry).toMatchObject({ status: "posted", date: "2026-03-02", source: { type: "invoice", id: invoice.id } });
    expect(entry.lines.map((l) => [l.accountId, l.debit, l.credit, l.party?.id ?? null])).toEqual([
      [receivable.id, "310.00", "0.00", customerId],
      [sales.id, "0.00", "210.00", null],
      [otherIncome.id, "0.00", "50.00", null],
      [salesTax.id, "0.00", "50.00", null],
    ]);
    const tb = await trialBalanceBalances(org.api);
    expect(tb.rows.find((row) => row.code === "1200")?.closing).toBe("310.00");
    expect(tb.rows.find((row) => row.code === "2200")?.closing).toBe("-50.00");

    const second = await postedFixture(org.api, "/invoices", { customerId, issueDate: "2026-03-05", lines: [{ description: "B", quantity: "1", unitPrice: "1" }] });
    expect(second.number).toBe("INV-2026-0002");
    const nextYear = await postedFixture(org.api, "/invoices", { customerId, issueDate: "2027-01-05", lines: [{ description: "C", quantity: "1", unitPrice: "1" }] });
    expect(nextYear.number).toBe("INV-2027-0001");

    const events = (await t.outbox(org.id)).filter((row) => row.event_type === "finance.invoice.issued");
    expect(events).toHaveLength(3);
    expect(events[0]!.envelope.data).toMatchObject({
      number: "INV-2026-0001",
      partyId: customerId,
      currency: "EUR",
      total: "310.00",
      amountDue: "310.00",
      exchangeRate: "1",
      baseCurrency: "EUR",
      baseTotal: "310.00",
      journalEntryId: invoice.journalEntryId,
    });
  });

  it("a multi-currency invoice (USD in a EUR base) posts at the given rate, else the rate table's; base total = round(total × rate)", async () => {
    const { org, customerId, receivable } = await setUp();
    const usdCustomer = await partyFixture(t, org.id, "customer", { currency: "USD" });
    const given = await postedFixture(org.api, "/invoices", { customerId: usdCustomer, issueDate: "2026-03-02", lines: [{ description: "A", quantity: "3", unitPrice: "33.33" }] }, { exchangeRate: "0.9215" });
    expect(given).toMatchObject({ currency: "USD", total: "99.99", exchangeRate: "0.9215", baseTotal: "92.14", baseAmountDue: "92.14" });
    const entry = await entryOf(org.api, given.journalEntryId!);
    const control = entry.lines.find((l) => l.accountId === receivable.id)!;
    expect([control.debit, control.baseDebit]).toEqual(["99.99", "92.14"]);

    const missing = await draftFixture(org.api, "/invoices", { customerId: usdCustomer, issueDate: "2026-03-02", lines: [{ description: "A", quantity: "1", unitPrice: "10" }] });
    const refused = await org.api.post(`/invoices/${missing.id}/issue`, {});
    expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([422, "EXCHANGE_RATE_MISSING", [{ path: "exchangeRate", message: "Required: no USD rate on 2026-03-02" }]]);
    expect((await org.api.get(`/invoices/${missing.id}`)).body.data.status).toBe("draft");
    expect((await org.api.post("/exchange-rates", { currency: "USD", effectiveDate: "2026-03-01", rate: "0.9" })).status).toBe(201);
    const fromTable = await org.api.post(`/invoices/${missing.id}/issue`, {});
    expect(fromTable.body.data).toMatchObject({ exchangeRate: "0.9", total: "10.00", baseTotal: "9.00", number: "INV-2026-0002" });
    const eur = await draftFixture(org.api, "/invoices", { customerId, lines: [{ description: "A", quantity: "1", unitPrice: "10" }] });
    const notOne = await org.api.post(`/invoices/${eur.id}/issue`, { exchangeRate: "1.1" });
    expect([notOne.status, notOne.body.error.code]).toEqual([422, "INVALID_EXCHANGE_RATE"]);
    await trialBalanceBalances(org.api);
  });

  it("a customer archived since the draft gets no issued invoice (422 PARTY_ARCHIVED), and the draft stays", async () => {
    const { org, customerId } = await setUp();
    const draft = await draftFixture(org.api, "/invoices", { customerId, issueDate: "2026-03-02", lines: [{ description: "A", quantity: "1", unitPrice: "10" }] });
    await inTransaction(t.db, asService(org.id), (tx) =>
      applyPartyStatus(tx, asService(org.id), { kind: "customer", id: customerId, code: "CUS", archived: true, occurredAt: new Date().toISOString() }),
    );
    const refused = await org.api.post(`/invoices/${draft.id}/issue`, {});
    expect([refused.status, refused.body.error.code, refused.body.error.details[0].path]).toEqual([422, "PARTY_ARCHIVED", "customerId"]);
    expect((await org.api.get(`/invoices/${draft.id}`)).body.data).toMatchObject({ status: "draft", number: null });
  });

  it("a tax rate archived since the draft is not posted: issue is 422 TAX_RATE_ARCHIVED naming lines.<n>.taxRateId, the draft stays; restored, it issues", async () => {
    const { org, customerId, vat } = await setUp();
    const draft = await draftFixture(org.api, "/invoices", {
      customerId,
      issueDate: "2026-03-02",
      lines: [
        { description: "Untaxed", quantity: "1", unitPrice: "10" },
        { description: "Taxed", quantity: "1", unitPrice: "10", taxRateId: vat },
      ],
    });
    expect((await org.api.post(`/tax-rates/${vat}/archive`, {})).status).toBe(200);
    const refused = await org.api.post(`/invoices/${draft.id}/issue`, {});
    expect([refused.status, refused.body.error.code, refused.body.error.details[0].path]).toEqual([422, "TAX_RATE_ARCHIVED", "lines.1.taxRateId"]);
    expect((await org.api.get(`/invoices/${draft.id}`)).body.data).toMatchObject({ status: "draft", number: null });
    expect((await org.api.get("/journal-entries?sourceType=invoice")).body.data).toEqual([]);
    expect((await org.api.post(`/tax-rates/${vat}/restore`, {})).status).toBe(200);
    expect((await org.api.post(`/invoices/${draft.id}/issue`, {})).body.data).toMatchObject({ status: "issued", number: "INV-2026-0001", taxTotal: "2.00" });
  });

  it("the database refuses to change or delete an issued invoice's lines, or the invoice, even as the app role", async () => {
    const { org, customerId } = await setUp();
    const invoice = await postedFixture(org.api, "/invoices", { customerId, issueDate: "2026-03-02", lines: [{ description: "A", quantity: "1", unitPrice: "10" }] });
    const client = new pg.Client({ connectionString: t.connectionString });
    await client.connect();
    try {
      await client.query(`SET ROLE ${APP_ROLE}`);
      await client.query("SELECT set_config('app.organization_id', $1, false)", [org.id]);
      const attempts = [
        ["UPDATE finance.document_lines SET unit_price = 1 WHERE document_id = $1", "its lines cannot change"],
        ["DELETE FROM finance.document_lines WHERE document_id = $1", "its lines cannot change"],
        ["DELETE FROM finance.documents WHERE id = $1", "it cannot be deleted"],
      ] as const;
      for (const [sql, message] of attempts) await expect(client.query(sql, [invoice.id])).rejects.toThrow(message);
    } finally {
      await client.end();
    }
    expect((await org.api.get(`/invoices/${invoice.id}`)).body.data.lines[0].unitPrice).toBe("10.00");
  });
});

describe("the invoice state machine", () => {
  it("every illegal transition is 409 INVALID_STATE and changes nothing", async () => {
    const { org, customerId } = await setUp();
    const body = { customerId, issueDate: "2026-03-02", lines: [{ description: "A", quantity: "1", unitPrice: "10" }] };
    const issued = await postedFixture(org.api, "/invoices", body);
    const voided = await postedFixture(org.api, "/invoices", body);
    expect((await org.api.post(`/invoices/${voided.id}/void`, { reason: "Wrong customer" })).status).toBe(200);
    const draft = await draftFixture(org.api, "/invoices", body);
    const attempts = [
      ["issue twice", org.api.post(`/invoices/${issued.id}/issue`, {})],
      ["edit issued", org.api.patch(`/invoices/${issued.id}`, { notes: "x" })],
      ["delete issued", org.api.delete(`/invoices/${issued.id}`)],
      ["issue void", org.api.post(`/invoices/${voided.id}/issue`, {})],
      ["edit void", org.api.patch(`/invoices/${voided.id}`, { notes: "x" })],
      ["delete void", org.api.delete(`/invoices/${voided.id}`)],
      ["void twice", org.api.post(`/invoices/${voided.id}/void`, { reason: "again" })],
      ["void draft", org.api.post(`/invoices/${draft.id}/void`, { reason: "draft" })],
    ] as const;
    for (const [what, request] of attempts) {
      const res = await request;
      expect([what, res.status, res.body.error?.code]).toEqual([what, 409, "INVALID_STATE"]);
    }
    expect((await org.api.get(`/invoices/${issued.id}`)).body.data).toMatchObject({ status: "issued", notes: null });
    expect((await org.api.get(`/invoices/${voided.id}`)).body.data.status).toBe("void");
  });

  it("voiding posts the reversal; with a payment allocated or a credit note against it, void is 409", async () => {
    const { org, customerId, receivable } = await setUp();
    const body = { customerId, issueDate: "2026-03-02", lines: [{ description: "A", quantity: "1", unitPrice: "10" }] };
    const invoice = await postedFixture(org.api, "/invoices", body);
    const res = await org.api.post(`/invoices/${invoice.id}/void`, { reason: "Wrong customer", date: "2026-03-03" });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: "void", voidReason: "Wrong customer", amountDue: "0.00", baseAmountDue: "0.00", number: "INV-2026-0001" });
    const reversal = await entryOf(org.api, res.body.data.voidEntryId);
    expect(reversal).toMatchObject({ date: "2026-03-03", reversalOfEntryId: invoice.journalEntryId });
    expect(reversal.lines.find((l) => l.accountId === receivable.id)).toMatchObject({ credit: "10.00", party: { type: "customer", id: customerId } });
    const tb = await trialBalanceBalances(org.api);
    expect(tb.rows.find((row) => row.code === "1200")?.closing ?? "0.00").toBe("0.00");
    const voided = (await t.outbox(org.id)).find((row) => row.event_type === "finance.invoice.voided");
    expect(voided?.envelope.data).toMatchObject({ number: "INV-2026-0001", total: "10.00", reason: "Wrong customer", reversalEntryId: res.body.data.voidEntryId });

    const bank = await t.account(org.api, "1120");
    const paid = await postedFixture(org.api, "/invoices", body);
    const payment = await org.api.post("/payments", {
      direction: "received",
      partyId: customerId,
      paymentDate: "2026-03-10",
      amount: "4.00",
      currency: "EUR",
      accountId: bank.id,
      allocations: [{ documentId: paid.id, amount: "4.00" }],
    });
    expect(payment.status).toBe(201);
    const credited = await postedFixture(org.api, "/invoices", body);
    expect((await org.api.post(`/invoices/${credited.id}/credit-notes`, { issueDate: "2026-03-10", reason: "Returned" })).status).toBe(201);
    const creditNote = (await org.api.get(`/invoices/${credited.id}`)).body.data;
    expect(creditNote).toMatchObject({ status: "paid", amountCredited: "10.00", amountDue: "0.00" });
    expect(creditNote.creditNotes).toEqual([expect.objectContaining({ number: "CN-2026-0001", total: "10.00", amountUnapplied: "0.00" })]);
    for (const [id, message] of [
      [paid.id, "payments or credits are allocated to it"],
      [credited.id, "payments or credits are allocated to it"],
    ] as const) {
      const refused = await org.api.post(`/invoices/${id}/void`, { reason: "x" });
      expect([refused.status, refused.body.error.code]).toEqual([409, "INVALID_STATE"]);
      expect(refused.body.error.message).toContain(message);
    }
    // The payment voided gives the invoice back its amount due: then it can be voided.
    expect((await org.api.post(`/payments/${payment.body.data.id}/void`, { reason: "Bounced" })).status).toBe(200);
    expect((await org.api.get(`/invoices/${paid.id}`)).body.data).toMatchObject({ status: "issued", amountPaid: "0.00", amountDue: "10.00" });
    expect((await org.api.post(`/invoices/${paid.id}/void`, { reason: "Cancelled" })).status).toBe(200);
  });

  it("refuses a void dated later than today (422 DATE_IN_FUTURE naming date): the document would be void now, its reversal only then", async () => {
    const { org, customerId } = await setUp();
    const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const line = [{ description: "A", quantity: "1", unitPrice: "10" }];
    const invoice = await postedFixture(org.api, "/invoices", { customerId, issueDate: "2026-03-02", lines: line });
    const refused = await org.api.post(`/invoices/${invoice.id}/void`, { reason: "Later", date: days(3) });
    expect([refused.status, refused.body.error.code, refused.body.error.details[0].path]).toEqual([422, "DATE_IN_FUTURE", "date"]);
    expect((await org.api.get(`/invoices/${invoice.id}`)).body.data).toMatchObject({ status: "issued", amountDue: "10.00", voidEntryId: null });
    // Tomorrow is someone's today (UTC+14).
    expect((await org.api.post(`/invoices/${invoice.id}/void`, { reason: "Tomorrow", date: days(1) })).status).toBe(200);
    // A document issued ahead is voided on its issue date, not later.
    const ahead = await postedFixture(org.api, "/invoices", { customerId, issueDate: days(40), lines: line });
    const tooLate = await org.api.post(`/invoices/${ahead.id}/void`, { reason: "x", date: days(41) });
    expect([tooLate.status, tooLate.body.error.code]).toEqual([422, "DATE_IN_FUTURE"]);
    expect((await org.api.post(`/invoices/${ahead.id}/void`, { reason: "Ahead", date: days(40) })).status).toBe(200);
    const supplierId = await partyFixture(t, org.id, "supplier", { displayName: "Acme" });
    const bill = await postedFixture(org.api, "/bills", { supplierId, issueDate: "2026-03-02", lines: line });
    const billRefused = await org.api.post(`/bills/${bill.id}/void`, { reason: "Later", date: "2099-01-01" });
    expect([billRefused.status, billRefused.body.error.code, billRefused.body.error.details[0].path]).toEqual([422, "DATE_IN_FUTURE", "date"]);
  });
});

describe("permissions, organizations, the list", () => {
  it("403 without the permission for each route; a viewer reads", async () => {
    const { org, customerId } = await setUp();
    const draft = await draftFixture(org.api, "/invoices", { customerId, lines: [{ description: "A", quantity: "1", unitPrice: "10" }] });
    const viewer = t.api(t.viewerToken(org.id));
    expect((await viewer.get(`/invoices/${draft.id}`)).status).toBe(200);
    expect((await viewer.get("/invoices")).status).toBe(200);
    for (const res of [
      await viewer.post("/invoices", { customerId, lines: [{ description: "A", quantity: "1", unitPrice: "10" }] }),
      await viewer.patch(`/invoices/${draft.id}`, { notes: "x" }),
      await viewer.delete(`/invoices/${draft.id}`),
      await viewer.post(`/invoices/${draft.id}/issue`, {}),
      await viewer.post(`/invoices/${draft.id}/void`, { reason: "x" }),
    ]) {
      expect(res.status).toBe(403);
    }
    const clerk = t.api(t.token(org.id, ["finance.invoice.read", "finance.invoice.manage"]));
    expect((await clerk.post(`/invoices/${draft.id}/issue`, {})).status).toBe(403);
    expect((await t.api(t.token(org.id, [])).get("/invoices")).status).toBe(403);
    expect((await org.api.get(`/invoices/${draft.id}`)).body.data.status).toBe("draft");
  });

  it("another organization's invoice is 404 on every route, and a bill id is not an invoice", async () => {
    const { org, customerId } = await setUp();
    const other = t.organization();
    const draft = await draftFixture(org.api, "/invoices", { customerId, lines: [{ description: "A", quantity: "1", unitPrice: "10" }] });
    for (const res of [
      await other.api.get(`/invoices/${draft.id}`),
      await other.api.patch(`/invoices/${draft.id}`, { notes: "x" }),
      await other.api.delete(`/invoices/${draft.id}`),
      await other.api.post(`/invoices/${draft.id}/issue`, {}),
      await other.api.post(`/invoices/${draft.id}/void`, { reason: "x" }),
      await org.api.get(`/bills/${draft.id}`),
    ]) {
      expect(res.status).toBe(404);
    }
    expect((await org.api.get(`/invoices/${draft.id}`)).body.data.status).toBe("draft");
  });

  it("lists with filters (status, customer, dates, overdue, q) and keyset pages", async () => {
    const { org, customerId } = await setUp();
    const other = await partyFixture(t, org.id, "customer", { displayName: "Initech" });
    const line = [{ description: "A", quantity: "1", unitPrice: "10" }];
    const old = await postedFixture(org.api, "/invoices", { customerId, issueDate: "2026-01-05", dueDate: "2026-01-20", reference: "REF-OLD", lines: line });
    const future = await postedFixture(org.api, "/invoices", { customerId: other, issueDate: "2099-01-05", lines: line });
    const draft = await draftFixture(org.api, "/invoices", { customerId, issueDate: "2026-02-01", lines: line });
    const ids = async (query: string) => {
      const res = await org.api.get(`/invoices?${query}`);
      expect([query, res.status]).toEqual([query, 200]);
      return res.body.data.map((d: { id: string }) => d.id);
    };
    expect(await ids("")).toEqual([future.id, draft.id, old.id]);
    expect(await ids("sort=issueDate")).toEqual([old.id, draft.id, future.id]);
    expect(await ids("status=draft")).toEqual([draft.id]);
    expect(await ids(`customerId=${other}`)).toEqual([future.id]);
    expect(await ids("from=2026-01-06&to=2026-12-31")).toEqual([draft.id]);
    expect(await ids("overdue=true")).toEqual([old.id]);
    expect(await ids("overdue=false")).toEqual([future.id, draft.id]);
    expect(await ids("q=ref-old")).toEqual([old.id]);
    expect(await ids("q=initech")).toEqual([future.id]);
    expect(await ids("q=INV-2026")).toEqual([old.id]);
    expect((await org.api.get(`/invoices/${old.id}`)).body.data.overdue).toBe(true);
    const first = await org.api.get("/invoices?limit=2&count=true");
    expect(first.body.page).toMatchObject({ hasMore: true, total: 3 });
    const second = await org.api.get(`/invoices?limit=2&cursor=${first.body.page.nextCursor}`);
    expect(second.body.data.map((d: { id: string }) => d.id)).toEqual([old.id]);
    expect((await org.api.get("/invoices?sort=number")).status).toBe(400);
  });
});
