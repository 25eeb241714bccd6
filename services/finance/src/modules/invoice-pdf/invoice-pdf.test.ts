/**
 * GET /invoices/{id}/pdf through the finance app and a real database: a PDF file named after the
 * number whose text shows the organization, the customer (name, billing address, tax id), the
 * lines, the tax per rate and the totals; a draft prints stamped DRAFT; 400/403/404.
 */
import { inTransaction, uuidv7 } from "@erp/db";
import request from "supertest";
import { startFinanceTestApp, TEST_ORGANIZATION_NAME, type FinanceTestApp } from "../../../test/harness";
import { pdfText } from "../../../test/pdf-text";
import { asService } from "../../events";
import { partyReadRepository } from "../parties/party.repository";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

type Org = ReturnType<FinanceTestApp["organization"]>;

/** A customer in finance's read model, as master-data's created event leaves it. */
async function customer(org: Org): Promise<string> {
  const id = uuidv7();
  const scope = asService(org.id);
  await inTransaction(t.db, scope, (tx) =>
    partyReadRepository(tx).upsertParty(scope.organizationId, {
      kind: "customer",
      id,
      occurredAt: new Date().toISOString(),
      snapshot: {
        code: "CUS-0001",
        legalName: "Globex Trading GmbH",
        displayName: "Globex",
        taxId: "DE123456789",
        email: null,
        billingAddress: { line1: "Hauptstrasse 5", line2: null, city: "Berlin", region: null, postalCode: "10115", country: "DE" },
        paymentTermsDays: 30,
        currency: "EUR",
        creditLimit: null,
        status: "active",
      },
    }),
  );
  return id;
}

/** A draft invoice of two lines (one at 20 % VAT with a discount, one without tax), written as the documents module writes drafts. */
async function draftInvoice(org: Org, customerId: string): Promise<string> {
  const taxRate = await org.api.post("/tax-rates", { name: "VAT 20%", rate: "20", appliesTo: "sales" });
  const id = uuidv7();
  await inTransaction(t.db, asService(org.id), (tx) =>
    tx.document.create({
      data: {
        id,
        organizationId: org.id,
        kind: "invoice",
        partyType: "customer",
        partyId: customerId,
        issueDate: new Date("2026-11-02"),
        dueDate: new Date("2026-12-02"),
        currency: "EUR",
        subtotal: "190.00",
        taxTotal: "36.00",
        total: "226.00",
        amountDue: "226.00",
        notes: "Thank you for your business",
        createdBy: "test",
        lines: {
          create: [
            {
              id: uuidv7(),
              lineNumber: 1,
              description: "Consulting, November",
              quantity: "2",
              unitPrice: "100",
              discountPercent: "10",
              taxRateId: taxRate.body.data.id,
              taxRate: "20",
              net: "180.00",
              tax: "36.00",
              total: "216.00",
            },
            { id: uuidv7(), lineNumber: 2, description: "Travel", quantity: "1", unitPrice: "10", net: "10.00", tax: "0", total: "10.00" },
          ],
        },
      },
    }),
  );
  return id;
}

const getPdf = (token: string, path: string) =>
  request(t.app)
    .get(`${t.basePath}${path}`)
    .set("Authorization", `Bearer ${token}`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => done(null, Buffer.concat(chunks)));
    });

describe("GET /invoices/{id}/pdf", () => {
  it("a draft prints as a pro-forma stamped DRAFT with the customer, the lines, the tax per rate and the totals", async () => {
    const org = t.organization();
    const id = await draftInvoice(org, await customer(org));
    const res = await getPdf(org.token, `/invoices/${id}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toBe(`inline; filename="invoice-draft-${id}.pdf"`);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdfText(pdf);
    for (const shown of [
      TEST_ORGANIZATION_NAME,
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
      "Thank you for your business",
    ]) {
      expect(text).toContain(shown);
    }
  });

  it("400 for an id that is not a uuid; 403 without finance.invoice.read; 404 for another organization's invoice or an unknown one", async () => {
    const org = t.organization();
    const id = await draftInvoice(org, await customer(org));
    expect((await getPdf(org.token, "/invoices/not-a-uuid/pdf")).status).toBe(400);
    expect((await getPdf(t.token(org.id, []), `/invoices/${id}/pdf`)).status).toBe(403);
    expect((await getPdf(t.viewerToken(org.id), `/invoices/${id}/pdf`)).status).toBe(200);
    const other = t.organization();
    const foreign = await getPdf(other.token, `/invoices/${id}/pdf`);
    expect([foreign.status, JSON.parse(foreign.body.toString()).error.code]).toEqual([404, "NOT_FOUND"]);
    expect((await getPdf(org.token, `/invoices/${uuidv7()}/pdf`)).status).toBe(404);
  });
});
