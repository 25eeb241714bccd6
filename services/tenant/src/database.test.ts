/** The migration matches schema.prisma, and Row Level Security isolates organizations. */
import { join } from "node:path";
import { checkSchemaDrift, uuidv7 } from "@erp/db";
import { startTenantTestApp, type TenantTestApp } from "../test/harness";
import type { TenantDb } from "./db";
import { updateOrganization } from "./modules/organizations/update-organization";

let t: TenantTestApp;
beforeAll(async () => {
  t = await startTenantTestApp();
});
afterAll(() => t.close());

it("the migrated database is in lock-step with schema.prisma", async () => {
  const drift = await checkSchemaDrift({
    schemaPath: join(__dirname, "..", "prisma", "schema.prisma"),
    connectionString: t.connectionString,
    schema: "tenant",
  });
  expect(drift).toEqual([]);
});

describe("row level security", () => {
  it("the service's connections run as erp_app, which cannot bypass RLS", async () => {
    const { rows } = await t.db.pool.query<{ role: string; rolsuper: boolean; rolbypassrls: boolean }>(
      "SELECT current_user AS role, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user",
    );
    expect(rows[0]).toEqual({ role: "erp_app", rolsuper: false, rolbypassrls: false });
  });

  it("a query without organization context returns nothing from any business table", async () => {
    await t.createActiveOrganization();
    const { rows } = await t.owner.query<{ n: string }>("SELECT count(*) AS n FROM tenant.organizations");
    expect(Number(rows[0]?.n)).toBeGreaterThan(0);

    expect(await t.db.prisma.organization.findMany()).toEqual([]);
    expect(await t.db.prisma.subscription.findMany()).toEqual([]);
    expect(await t.db.prisma.enabledModule.findMany()).toEqual([]);
    expect(await t.db.prisma.organizationSettings.findMany()).toEqual([]);
    // Reference data stays readable.
    expect(await t.db.prisma.plan.count()).toBe(3);
  });

  it("inside an organization's context only its own rows are visible", async () => {
    const mine = await t.createActiveOrganization();
    await t.createActiveOrganization();
    const seen = await t.db.withOrganization(mine.id, async (tx) => ({
      organizations: (await tx.organization.findMany()).map((o) => o.id),
      subscriptions: (await tx.subscription.findMany()).map((s) => s.organizationId),
      modules: [...new Set((await tx.enabledModule.findMany()).map((m) => m.organizationId))],
      settings: (await tx.organizationSettings.findMany()).map((s) => s.organizationId),
    }));
    expect(seen).toEqual({ organizations: [mine.id], subscriptions: [mine.id], modules: [mine.id], settings: [mine.id] });
  });

  it("refuses to write rows for another organization", async () => {
    const mine = await t.createActiveOrganization();
    const theirs = await t.createActiveOrganization();
    await expect(
      t.db.withOrganization(mine.id, (tx) => tx.enabledModule.create({ data: { organizationId: theirs.id, module: "crm" } })),
    ).rejects.toThrow();
    const updated = await t.db.withOrganization(mine.id, (tx) =>
      tx.organization.updateMany({ where: { id: theirs.id }, data: { name: "Hijacked" } }),
    );
    expect(updated.count).toBe(0);
  });

  it("plans are read-only to the application role", async () => {
    await expect(t.db.transaction((tx) => tx.plan.update({ where: { code: "free" }, data: { maxSeats: 1000 } }))).rejects.toThrow();
  });
});

describe("outbox", () => {
  it("the change and its event commit together or not at all", async () => {
    const org = await t.createActiveOrganization("Atomic Ltd");
    const failingAfterWrites: TenantDb = {
      ...t.db,
      withOrganization: (organizationId, fn) =>
        t.db.withOrganization(organizationId, async (tx) => {
          await fn(tx);
          throw new Error("crash before commit");
        }),
    };
    const actor = { type: "user" as const, id: uuidv7() };
    await expect(updateOrganization(failingAfterWrites, org.id, actor, { name: "Never Committed" })).rejects.toThrow(
      "crash before commit",
    );
    const name = await t.db.withOrganization(org.id, async (tx) => (await tx.organization.findUnique({ where: { id: org.id } }))?.name);
    expect(name).toBe("Atomic Ltd");
    expect(await t.outboxTypes(org.id)).toEqual(["tenant.organization.created"]);

    await updateOrganization(t.db, org.id, actor, { name: "Committed" });
    expect(await t.outboxTypes(org.id)).toEqual(["tenant.organization.created", "tenant.organization.updated"]);
  });
});
