/**
 * The base currency through the gateway, with the real services on one database and its event log:
 * finance follows a change while its ledger is empty; its first posted entry opens the books
 * (finance.ledger.opened), after which the tenant service refuses a change (409
 * BASE_CURRENCY_LOCKED) and every service keeps the books' currency.
 */
import type { ServiceSystem } from "@erp/testkit";
import { waitFor } from "@erp/testkit";
import { expectStatus, proOrganization, startFinanceSystem } from "./gateway-system";

let system: ServiceSystem;
beforeAll(async () => {
  system = await startFinanceSystem();
}, 120_000);
afterAll(async () => {
  await system?.close();
});

it("a base currency change is followed while the ledger is empty and refused with 409 once its first entry is posted", async () => {
  const client = await proOrganization(system, "Yen Trading KK");
  const accounts = expectStatus(await client.get("/finance/accounts?limit=200"), 200, "accounts") as unknown as { id: string; code: string }[];
  const account = (code: string) => accounts.find((found) => found.code === code)!.id;
  const ledgerCurrency = async () => (expectStatus(await client.get(`/finance/accounts/${account("1110")}`), 200, "cash account").balance as { currency: string }).currency;

  expectStatus(await client.patch("/tenant/organizations/current", { baseCurrency: "JPY" }), 200, "change before any entry");
  await waitFor(async () => (await ledgerCurrency()) === "JPY", { intervalMs: 100, what: "finance following the base currency", timeoutMs: 30_000 });

  const entry = expectStatus(
    await client.post("/finance/journal-entries?post=true", {
      date: "2026-04-01",
      lines: [
        { accountId: account("1110"), debit: "1000" },
        { accountId: account("4100"), credit: "1000" },
      ],
    }),
    201,
    "first entry",
  );
  expect(entry.baseCurrency).toBe("JPY");
  await waitFor(
    async () => (await system.owner.query("SELECT 1 FROM tenant.organizations WHERE id = $1 AND books_opened_at IS NOT NULL", [client.id])).rows.length > 0,
    { intervalMs: 100, what: "the tenant service recording finance.ledger.opened", timeoutMs: 30_000 },
  );

  const refused = await client.patch("/tenant/organizations/current", { baseCurrency: "EUR" });
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe("BASE_CURRENCY_LOCKED");
  expect(refused.body.error.message).toMatch(/^The base currency cannot change: the organization's books are kept in JPY since \d{4}-\d{2}-\d{2}$/);
  expect(expectStatus(await client.get("/tenant/organizations/current"), 200, "organization").baseCurrency).toBe("JPY");
  expect(await ledgerCurrency()).toBe("JPY");
});
