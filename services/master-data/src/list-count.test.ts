/**
 * `count=true` on a real Prisma model: what a master-data list gets when its repository fetches with
 * `keysetFindMany(tx.party, window, filter)` instead of `findMany` (the one-line adoption).
 */
import { keysetFindMany } from "@erp/db";
import { organizationIdOf } from "@erp/scope";
import { keysetPage, listWindow } from "@erp/http-kit";
import { startMasterDataTestApp, type MasterDataTestApp } from "../test/harness";
import { partyListQuery } from "./modules/parties/party.schemas";

let t: MasterDataTestApp;
beforeAll(async () => {
  t = await startMasterDataTestApp();
});
afterAll(() => t.close());

it("pages customers by keyset and counts the matching ones only when asked", async () => {
  const org = await t.organization();
  for (const name of ["Alpha", "Beta", "Gamma"]) {
    expect((await org.api.post("/customers", { legalName: name, currency: "EUR" })).status).toBe(201);
  }
  const other = await t.organization();
  expect((await other.api.post("/customers", { legalName: "Elsewhere", currency: "EUR" })).status).toBe(201);

  const filter = { organizationId: org.id, kind: "customer" as const, status: "active" as const };
  const list = (query: Record<string, string>) =>
    t.db.withOrganization(organizationIdOf(org.id), async (tx) => {
      const window = listWindow(partyListQuery.parse(query));
      const counted: unknown[] = [];
      // tx.party as is, except that its count is observed.
      const model = { findMany: tx.party.findMany.bind(tx.party), count: (args: { where?: object }) => (counted.push(args), tx.party.count(args)) };
      const rows = await keysetFindMany(model, window, filter);
      return { result: keysetPage(rows, window, (row) => row.legalName), counted };
    });

  const plain = await list({ limit: "2", sort: "legalName" });
  expect(plain.result).toMatchObject({ data: ["Alpha", "Beta"], page: { limit: 2, hasMore: true } });
  expect(plain.result.page.total).toBeUndefined();
  expect(plain.counted).toEqual([]);

  const first = await list({ limit: "2", sort: "legalName", count: "true" });
  expect(first.result.page.total).toBe(3);
  const second = await list({ limit: "2", sort: "legalName", count: "true", cursor: first.result.page.nextCursor! });
  expect(second.result).toEqual({ data: ["Gamma"], page: { limit: 2, nextCursor: null, hasMore: false, total: 3 } });

  // The delegate itself fits, unwrapped: this is the adoption line a repository writes.
  const direct = await t.db.withOrganization(organizationIdOf(org.id), (tx) => keysetFindMany(tx.party, listWindow(partyListQuery.parse({ count: "true" })), filter));
  expect([direct.length, direct.total]).toEqual([3, 3]);
});
