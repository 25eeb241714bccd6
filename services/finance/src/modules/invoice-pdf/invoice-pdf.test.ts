/**
 * GET /invoices/{id}/pdf through the finance app and a real database: a PDF file named after the
 * number whose text shows the organization, the customer (name, billing address, tax id), the
 * lines, the tax per rate and the totals, in Latin (Central European too), Greek or Cyrillic as
 * written; a draft prints stamped DRAFT; 400/403/404.
 */
import { uuidv7 } from "@erp/db";
import request from "supertest";
import { startFinanceTestApp, TEST_ORGANIZATION_ADDRESS, TEST_ORGANIZATION_NAME, TEST_ORGANIZATION_TAX_ID, type FinanceTestApp } from "../../../test/harness";
import { bytes, pdfText, pdfTextItems } from "../../../test/pdf-text";
import { customer, invoice, salesTaxRate, type TestOrganization } from "../credit-notes/credit-note.fixtures";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

/** A draft of two lines (one at 20 % VAT with a 10 % discount, one without tax: 226.00), issued unless `draft`. */
async function printedInvoice(org: TestOrganization, options: { draft?: boolean } = {}) {
  const taxRateId = await salesTaxRate(org);
  const customerId = await customer(t, org);
  const created = await invoice(org, {
    customerId,
    draft: options.draft,
    lines: [
      { description: "Consulting, November", quantity: "2", unitPrice: "100", discountPercent: "10", taxRateId },
      { description: "Travel", quantity: "1", unitPrice: "10" },
    ],
  });
  expect(created.total).toBe("226.00");
  return created;
}

const getPdf = (token: string, path: string) =>
  request(t.app)
    .get(`${t.basePath}${path}`)
    .set("Authorization", `Bearer ${token}`)
    .buffer(true)
    .parse(bytes);

describe("GET /invoices/{id}/pdf", () => {
  it("a draft prints as a pro-forma stamped DRAFT with the customer, the lines, the tax per rate and the totals", async () => {
    const org = t.organization();
    const { id } = await printedInvoice(org, { draft: true });
    const res = await getPdf(org.token, `/invoices/${id}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toBe(`inline; filename="invoice-draft-${id}.pdf"`);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = await pdfText(pdf);
    for (const shown of [
      TEST_ORGANIZATION_NAME,
      ...TEST_ORGANIZATION_ADDRESS,
      `Tax id: ${TEST_ORGANIZATION_TAX_ID}`,
      "Invoice (draft)",
      "DRAFT",
      "Globex Trading GmbH",
      "Hauptstrasse 5",
      "10115 Berlin",
      "Tax id: DE123456789",
      "2026-11-02",
      "2026-12-02",
      "Consulting, November",
      "100.00",
      "180.00",
      "VAT 20% (20%) on 180.00",
      "36.00",
      "226.00 EUR",
    ]) {
      expect(text).toContain(shown);
    }
  });

  it("an issued invoice prints its number (and is named after it), what is paid and credited and the amount due; a voided one is stamped VOID", async () => {
    const org = t.organization();
    const issued = await printedInvoice(org);
    const credited = await org.api.post(`/invoices/${issued.id}/credit-notes`, { lines: [{ invoiceLineId: issued.lines[1]!.id, quantity: "1" }] });
    expect(credited.status).toBe(201);
    const res = await getPdf(org.token, `/invoices/${issued.id}/pdf`);
    expect([res.status, res.headers["content-disposition"]]).toEqual([200, `inline; filename="${issued.number}.pdf"`]);
    const text = await pdfText(res.body as Buffer);
    for (const shown of [`Invoice ${issued.number}`, "Credited", "10.00 EUR", "Amount due", "216.00 EUR"]) expect(text).toContain(shown);
    expect(text).not.toContain("DRAFT");

    // The title is the organization's name's size, 16 pt, below a letterhead of 9 pt lines, on page 1.
    const items = await pdfTextItems(res.body as Buffer);
    expect(items.find((shown) => shown.text === `Invoice ${issued.number}`)).toEqual({ text: `Invoice ${issued.number}`, size: 16, page: 1 });
    expect(items.find((shown) => shown.text === TEST_ORGANIZATION_ADDRESS[0])).toMatchObject({ size: 9, page: 1 });

    const voided = await printedInvoice(org);
    expect((await org.api.post(`/invoices/${voided.id}/void`, { reason: "Wrong customer" })).status).toBe(200);
    expect(await pdfText((await getPdf(org.token, `/invoices/${voided.id}/pdf`)).body as Buffer)).toContain("VOID");
  });

  it("an issued invoice keeps the issuer and the customer it was first printed with; a draft prints today's", async () => {
    const org = t.organization();
    const customerId = await customer(t, org);
    const lines = [{ description: "Audit", quantity: "1", unitPrice: "100" }];
    const issued = await invoice(org, { customerId, lines });
    const draft = await invoice(org, { customerId, lines, draft: true });
    const print = async (id: string) => (await pdfText((await getPdf(org.token, `/invoices/${id}/pdf`)).body as Buffer)).split("\n");
    const first = await print(issued.id);
    for (const shown of [TEST_ORGANIZATION_NAME, TEST_ORGANIZATION_ADDRESS[0], "Globex Trading GmbH", "Hauptstrasse 5"]) expect(first).toContain(shown);

    // Both move: the organization's settings and master-data's customer change.
    t.letterheads.set(org.id, { name: "Moved Holding SE", addressLines: ["Neue Strasse 1", "80331 München", "DE"], taxId: "DE111111111" });
    const billingAddress = { line1: "Am Hafen 9", line2: null, city: "Hamburg", region: null, postalCode: "20457", country: "DE" };
    await customer(t, org, { id: customerId, legalName: "Globex Hamburg AG", billingAddress });

    const again = await print(issued.id);
    expect(again).toEqual(first);
    const pending = await print(draft.id);
    for (const shown of ["Moved Holding SE", "Neue Strasse 1", "Tax id: DE111111111", "Globex Hamburg AG", "Am Hafen 9"]) expect(pending).toContain(shown);
    // Issued after the move, the draft keeps the new ones from its first print on.
    expect((await org.api.post(`/invoices/${draft.id}/issue`)).status).toBe(200);
    expect(await print(draft.id)).toEqual(expect.arrayContaining(["Moved Holding SE", "Am Hafen 9"]));
  });

  it("a customer's name and lines in Greek, Cyrillic and Central European Latin print exactly as written", async () => {
    const org = t.organization();
    const customerId = await customer(t, org, { legalName: "Ωμέγα Εμπορική ΑΕ" });
    const descriptions = ["ООО «Ромашка»: консультация", "Zürich → Łódź, přeprava", "Győr–Kraków, ŐŰ ăşţ ĄĘŚ"];
    const { id } = await invoice(org, { customerId, draft: true, lines: descriptions.map((description) => ({ description, quantity: "1", unitPrice: "10" })) });
    const shown = (await pdfText((await getPdf(org.token, `/invoices/${id}/pdf`)).body as Buffer)).split("\n");
    for (const text of ["Ωμέγα Εμπορική ΑΕ", ...descriptions]) expect(shown).toContain(text);
  });

  it("a long invoice runs over several pages, each numbered, the lines' header repeated", async () => {
    const org = t.organization();
    const customerId = await customer(t, org);
    const lines = Array.from({ length: 80 }, (_, index) => ({ description: `Item ${index + 1}`, quantity: "1", unitPrice: "1.00" }));
    const long = await invoice(org, { customerId, draft: true, lines });
    const text = await pdfText((await getPdf(org.token, `/invoices/${long.id}/pdf`)).body as Buffer);
    expect(text).toContain("Item 80");
    expect(text).toContain("80.00 EUR");
    const pages = Number(/page 1 of (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`page ${pages} of ${pages}`);
    expect(text.split("\n").filter((shown) => shown === "Unit price")).toHaveLength(pages);
  });

  it("400 for an id that is not a uuid; 403 without finance.invoice.read; 404 for another organization's invoice or an unknown one", async () => {
    const org = t.organization();
    const { id } = await printedInvoice(org, { draft: true });
    expect((await getPdf(org.token, "/invoices/not-a-uuid/pdf")).status).toBe(400);
    expect((await getPdf(t.token(org.id, []), `/invoices/${id}/pdf`)).status).toBe(403);
    expect((await getPdf(t.viewerToken(org.id), `/invoices/${id}/pdf`)).status).toBe(200);
    const other = t.organization();
    const foreign = await getPdf(other.token, `/invoices/${id}/pdf`);
    expect([foreign.status, JSON.parse(foreign.body.toString()).error.code]).toEqual([404, "NOT_FOUND"]);
    expect((await getPdf(org.token, `/invoices/${uuidv7()}/pdf`)).status).toBe(404);
  });
});
