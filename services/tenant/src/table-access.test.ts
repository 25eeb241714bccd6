/**
 * What the application role can reach in this service's schema, read from the migrated catalog:
 * tables with an organization column isolated by forced row level security (or declared
 * cross-organization with a reason), and erp_app holding no more than each declaration.
 */
import pg from "pg";
import { createTestDatabase, dropTestDatabases, tableAccessProblems } from "@erp/testkit";

let owner: pg.Client;
beforeAll(async () => {
  owner = new pg.Client({ connectionString: await createTestDatabase() });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await dropTestDatabases();
});

test("every table isolates organizations and gives erp_app no more than its migration declares (plans are read-only)", async () => {
  expect(await tableAccessProblems(owner, "tenant", { readOnly: ["plans"] })).toEqual([]);
});
