/** The migration matches schema.prisma, and Row Level Security isolates organizations. */
import { join } from "node:path";
import { checkSchemaDrift, inTransaction, uuidv7 } from "@erp/db";
import { organizationIdOf, serviceScope, type Scope } from "@erp/scope";
import { as, startTenantTestApp, type TenantTestApp } from "../test/harness";
import { activateOrganization } from "./modules/organizations/activate-organization";
import { createOrganization } from "./modules/organizations/create-organization";
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
    const seen = await t.db.withOrganization(organizationIdOf(mine.id), async (tx) => ({
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
      t.db.withOrganization(organizationIdOf(mine.id), (tx) => tx.enabledModule.create({ data: { organizationId: theirs.id, module: "crm" } })),
    ).rejects.toThrow(/row-level security/);
    const updated = await t.db.withOrganization(organizationIdOf(mine.id), (tx) =>
      tx.organization.updateMany({ where: { id: theirs.id }, data: { name: "Hijacked" } }),
    );
    expect(updated.count).toBe(0);
  });

  it("plans are read-only to the application role", async () => {
    await expect(t.db.transaction((tx) => tx.plan.update({ where: { code: "free" }, data: { maxSeats: 1000 } }))).rejects.toThrow(
      /permission denied/,
    );
  });
});

describe("outbox", () => {
  it("the change and its event commit together or not at all", async () => {
    const org = await t.createActiveOrganization("Atomic Ltd");
    const scope: Scope = { organizationId: organizationIdOf(org.id), actor: { type: "user", id: uuidv7() } };
    await expect(
      inTransaction(t.db, scope, async (tx) => {
        await updateOrganization(tx, scope, { name: "Never Committed" });
        throw new Error("crash before commit");
      }),
    ).rejects.toThrow("crash before commit");
    const name = await t.db.withOrganization(organizationIdOf(org.id), async (tx) => (await tx.organization.findUnique({ where: { id: org.id } }))?.name);
    expect(name).toBe("Atomic Ltd");
    expect(await t.outboxTypes(org.id)).toEqual(["tenant.organization.created"]);

    await inTransaction(t.db, scope, (tx) => updateOrganization(tx, scope, { name: "Committed" }));
    expect(await t.outboxTypes(org.id)).toEqual(["tenant.organization.created", "tenant.organization.updated"]);
  });
});

describe("use cases in a caller's transaction", () => {
  it("registration's two steps run in one transaction, and a taken slug does not abort it", async () => {
    const name = `Composed ${uuidv7().slice(-8)}`;
    const first = await t.createActiveOrganization(name);
    const taken = (await as(t.app, first.token).get("/organizations/current")).body.data.slug;
    const scope = serviceScope(uuidv7(), "tenant");
    const organization = await inTransaction(t.db, scope, async (tx) => {
      const { created } = await createOrganization(tx, scope, { name, baseCurrency: "EUR", timezone: "UTC" });
      expect(created).toBe(true);
      return activateOrganization(tx, scope);
    });
    expect(organization).toMatchObject({ id: scope.organizationId, slug: `${taken}-2`, status: "active", baseCurrency: "EUR" });
    expect(await t.outboxTypes(scope.organizationId)).toEqual(["tenant.organization.created"]);
  });
});
