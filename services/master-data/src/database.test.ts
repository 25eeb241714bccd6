/** The migration matches schema.prisma, Row Level Security isolates organizations, and the ledger is append-only. */
import { join } from "node:path";
import { checkSchemaDrift, uuidv7 } from "@erp/db";
import { organizationIdOf } from "@erp/scope";
import { tableAccessProblems } from "@erp/testkit";
import { stockedProduct, startMasterDataTestApp, type MasterDataTestApp } from "../test/harness";

let t: MasterDataTestApp;
beforeAll(async () => {
  t = await startMasterDataTestApp();
});
afterAll(() => t.close());

it("the migrated database is in lock-step with schema.prisma", async () => {
  const drift = await checkSchemaDrift({
    schemaPath: join(__dirname, "..", "prisma", "schema.prisma"),
    connectionString: t.connectionString,
    schema: "master_data",
  });
  expect(drift).toEqual([]);
});

const BUSINESS_TABLES = [
  "organization_settings",
  "code_sequences",
  "parties",
  "categories",
  "products",
  "warehouses",
  "stock_levels",
  "stock_movements",
];

describe("row level security", () => {
  it("isolates every table with an organization column, and erp_app holds no more than declared (the ledger is append-only)", async () => {
    expect(await tableAccessProblems(t.owner, "master_data", { appendOnly: ["stock_movements"] })).toEqual([]);
    const { rows } = await t.owner.query<{ relname: string }>(
      "SELECT relname FROM pg_class WHERE relnamespace = 'master_data'::regnamespace AND relkind = 'r' AND relrowsecurity AND relforcerowsecurity",
    );
    expect(rows.map((r) => r.relname).sort()).toEqual([...BUSINESS_TABLES].sort());
  });

  it("the service's connections run as erp_app, and see nothing without organization context", async () => {
    const org = await t.organization();
    await stockedProduct(org.api, { onHand: "3" });
    await org.api.post("/customers", { legalName: "Seen", currency: "EUR" });
    await org.api.post("/categories", { name: "Seen" });
    const { rows } = await t.db.pool.query<{ role: string }>("SELECT current_user AS role");
    expect(rows[0]?.role).toBe("erp_app");
    for (const table of BUSINESS_TABLES) {
      const owner = await t.owner.query<{ n: string }>(`SELECT count(*) AS n FROM master_data.${table}`);
      const app = await t.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM master_data.${table}`);
      expect([table, app.rows[0]?.n]).toEqual([table, "0"]);
      expect([table, Number(owner.rows[0]?.n) > 0]).toEqual([table, true]);
    }
  });

  it("inside an organization's context only its rows are visible, and another's cannot be written", async () => {
    const mine = await t.organization();
    const theirs = await t.organization();
    await mine.api.post("/customers", { legalName: "Mine", currency: "EUR" });
    await theirs.api.post("/customers", { legalName: "Theirs", currency: "EUR" });
    const seen = await t.db.withOrganization(organizationIdOf(mine.id), (tx) => tx.party.findMany());
    expect(seen.map((p) => p.legalName)).toEqual(["Mine"]);
    await expect(
      t.db.withOrganization(organizationIdOf(mine.id), (tx) =>
        tx.warehouse.create({ data: { id: uuidv7(), organizationId: theirs.id, code: "X", name: "Sneaky" } }),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});

it("the stock ledger is append-only for the application role", async () => {
  const org = await t.organization();
  await stockedProduct(org.api, { onHand: "3" });
  await expect(t.db.withOrganization(organizationIdOf(org.id), (tx) => tx.stockMovement.updateMany({ data: { reason: "rewritten" } }))).rejects.toThrow(
    /permission denied/,
  );
  await expect(t.db.withOrganization(organizationIdOf(org.id), (tx) => tx.stockMovement.deleteMany())).rejects.toThrow(/permission denied/);
  const { rows } = await t.owner.query<{ n: string }>("SELECT count(*) AS n FROM master_data.stock_movements WHERE organization_id = $1", [org.id]);
  expect(rows[0]?.n).toBe("1");
});
