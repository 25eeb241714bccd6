/** The tenant client as finance uses it, against a stand-in answering as tenant's internal routes do. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tenantDirectory } from "./tenant-directory";

const KNOWN = "0193a1b2-0000-7000-8000-000000000001";
const NO_SETTINGS = "0193a1b2-0000-7000-8000-000000000002";
let server: Server;
const seen: string[] = [];
let baseUrl = "";
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
    const send = (status: number, body: object) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.url === `/internal/organizations/${KNOWN}`) return send(200, { data: { id: KNOWN, name: "Kabushiki Test", baseCurrency: "JPY" } });
    if (req.url === `/internal/organizations/${KNOWN}/settings`) {
      const address = { line1: "1-2-3 Marunouchi", line2: null, city: "Chiyoda-ku", region: "Tokyo", postalCode: "100-0005", country: "JP" };
      return send(200, { data: { fiscalYearStartMonth: 4, address, taxId: "T1234567890123" } });
    }
    if (req.url === `/internal/organizations/${NO_SETTINGS}`) return send(200, { data: { id: NO_SETTINGS, name: "Settings Unknown Ltd", baseCurrency: "EUR" } });
    return send(404, { error: { code: "NOT_FOUND", message: "Organization not found" } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it("reads the base currency and the fiscal year's first month with the internal key; unknown is null; missing settings mean January", async () => {
  const directory = tenantDirectory({ baseUrl, internalApiKey: "key-0123456789abcdef", timeoutMs: 2000 });
  expect(await directory.ledgerProfile(KNOWN)).toEqual({ baseCurrency: "JPY", fiscalYearStartMonth: 4 });
  expect(await directory.ledgerProfile(NO_SETTINGS)).toEqual({ baseCurrency: "EUR", fiscalYearStartMonth: 1 });
  expect(await directory.ledgerProfile("0193a1b2-0000-7000-8000-000000000003")).toBeNull();
  expect(seen[0]).toBe(`GET /internal/organizations/${KNOWN} Bearer key-0123456789abcdef`);
});

it("reads the organization's name, address and tax id for its letterhead; without settings the name alone; unknown is null", async () => {
  const directory = tenantDirectory({ baseUrl, internalApiKey: "key-0123456789abcdef", timeoutMs: 2000 });
  expect(await directory.letterhead(KNOWN)).toEqual({
    name: "Kabushiki Test",
    addressLines: ["1-2-3 Marunouchi", "100-0005 Chiyoda-ku", "Tokyo", "JP"],
    taxId: "T1234567890123",
  });
  expect(await directory.letterhead(NO_SETTINGS)).toEqual({ name: "Settings Unknown Ltd", addressLines: [], taxId: null });
  expect(await directory.letterhead("0193a1b2-0000-7000-8000-000000000003")).toBeNull();
});

it("a tenant service that cannot be reached is a 503, not a missing organization", async () => {
  const directory = tenantDirectory({ baseUrl: "http://127.0.0.1:9", internalApiKey: "key-0123456789abcdef", timeoutMs: 2000 });
  await expect(directory.ledgerProfile(KNOWN)).rejects.toMatchObject({ status: 503, code: "UPSTREAM_UNAVAILABLE" });
});
