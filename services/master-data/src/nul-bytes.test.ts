/**
 * A NUL character (U+0000) anywhere a client sends text is a 400 naming the field, in JSON, before
 * anything reaches PostgreSQL (which refuses NUL in text and used to turn it into a 500).
 */
import { startMasterDataTestApp, type MasterDataTestApp } from "../test/harness";

let t: MasterDataTestApp;
beforeAll(async () => {
  t = await startMasterDataTestApp();
});
afterAll(() => t.close());

const NUL_DETAIL = { message: "Must not contain a NUL character (U+0000)" };

function expectNulRefused(res: { status: number; headers: Record<string, string>; body: { error: { code: string; details: unknown } } }, path: string) {
  expect(res.status).toBe(400);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  expect(res.body.error.code).toBe("VALIDATION_FAILED");
  expect(res.body.error.details).toEqual([{ path, ...NUL_DETAIL }]);
}

describe("NUL characters through the master-data API", () => {
  it("in a list search: GET /customers?q=a%00b is a 400 naming q, in JSON", async () => {
    const org = await t.organization();
    expectNulRefused(await org.api.get("/customers?q=a%00b"), "q");
    expect((await org.api.get("/customers?q=ab")).status).toBe(200);
  });

  it("in an export's search: answered in JSON, not as text/csv", async () => {
    const org = await t.organization();
    const res = await org.api.get("/products/export.csv?q=a%00b");
    expectNulRefused(res, "q");
    expect(res.headers["content-disposition"]).toBeUndefined();
  });

  it("in a body or a CSV import: refused with the field named, and nothing is written", async () => {
    const org = await t.organization();
    const created = await org.api.post("/customers", {
      legalName: "Acme\u0000 GmbH",
      currency: "EUR",
      billingAddress: { line1: "Hauptstr. 1", city: "Berlin\u0000", postalCode: "10115", country: "DE" },
    });
    expect(created.status).toBe(400);
    expect(created.body.error.details).toEqual([
      { path: "legalName", ...NUL_DETAIL },
      { path: "billingAddress.city", ...NUL_DETAIL },
    ]);

    const csv = "code,legalName,currency\nC-1,Fine Ltd,EUR\nC-2,Bad\u0000 Ltd,EUR\n";
    expectNulRefused(await org.api.postCsv("/customers/import", csv), "rows.3.legalName");

    expect((await org.api.get("/customers")).body.data).toEqual([]);
    expect(await t.outbox(org.id)).toEqual([]);
  });
});
