/** The migration matches schema.prisma, and Row Level Security isolates organizations. */
import { join } from "node:path";
import { checkSchemaDrift, inTransaction, uuidv7 } from "@erp/db";
import { organizationIdOf, serviceScope } from "@erp/scope";
import { as, startUserTestApp, type UserTestApp } from "../test/harness";
import { createDepartment } from "./modules/departments/create-department";

let t: UserTestApp;
beforeAll(async () => {
  t = await startUserTestApp();
});
afterAll(() => t.close());

it("the migrated database is in lock-step with schema.prisma", async () => {
  const drift = await checkSchemaDrift({
    schemaPath: join(__dirname, "..", "prisma", "schema.prisma"),
    connectionString: t.connectionString,
    schema: "users",
  });
  expect(drift).toEqual([]);
});

describe("row level security", () => {
  it("a query without organization context returns nothing from any business table", async () => {
    const org = await t.createOrganization();
    await t.addMember(org, ["member"]);
    expect((await as(t.app, org.ownerToken).post("/departments", { name: "Sales" })).status).toBe(201);
    const { rows } = await t.owner.query<{ n: string }>("select count(*) as n from users.departments where organization_id = $1", [org.id]);
    expect(Number(rows[0]?.n)).toBe(1);

    expect(await t.db.prisma.role.findMany()).toEqual([]);
    expect(await t.db.prisma.membership.findMany()).toEqual([]);
    expect(await t.db.prisma.membershipRole.findMany()).toEqual([]);
    expect(await t.db.prisma.invitation.findMany()).toEqual([]);
    expect(await t.db.prisma.department.findMany()).toEqual([]);
  });

  it("inside an organization's context only its own rows are visible", async () => {
    const mine = await t.createOrganization();
    await t.createOrganization();
    const organizations = await t.db.withOrganization(organizationIdOf(mine.id), async (tx) => [
      ...new Set([...(await tx.role.findMany()), ...(await tx.membership.findMany())].map((row) => row.organizationId)),
    ]);
    expect(organizations).toEqual([mine.id]);
  });

  it("a department one organization creates is invisible to another", async () => {
    const mine = await t.createOrganization();
    const theirs = await t.createOrganization();
    const created = await as(t.app, theirs.ownerToken).post("/departments", { name: "Research" });
    expect(created.status).toBe(201);
    const names = (organizationId: string) =>
      t.db.withOrganization(organizationIdOf(organizationId), async (tx) => (await tx.department.findMany()).map((department) => department.name));
    expect(await names(theirs.id)).toEqual(["Research"]);
    expect(await names(mine.id)).toEqual([]);
    const byId = await t.db.withOrganization(organizationIdOf(mine.id), (tx) => tx.department.findUnique({ where: { id: created.body.data.id } }));
    expect(byId).toBeNull();
  });

  it("refuses to write rows for another organization", async () => {
    const mine = await t.createOrganization();
    const theirs = await t.createOrganization();
    await expect(
      t.db.withOrganization(organizationIdOf(mine.id), (tx) => tx.department.create({ data: { id: uuidv7(), organizationId: theirs.id, name: "Planted" } })),
    ).rejects.toThrow(/row-level security/);
    const renamed = await t.db.withOrganization(organizationIdOf(mine.id), (tx) => tx.role.updateMany({ where: { organizationId: theirs.id }, data: { description: "Hijacked" } }));
    expect(renamed.count).toBe(0);
  });

  it("a transaction that declares a user may read, not change, that user's memberships across organizations", async () => {
    const first = await t.createOrganization();
    const second = await t.createOrganization();
    await t.internal.post(`/organizations/${second.id}/owner`, { userId: first.ownerId, email: "x@example.com", name: "X" });
    const seen = await t.db.transaction(async (tx) => {
      await tx.$executeRaw`select set_config('app.user_id', ${first.ownerId}, true)`;
      const rows = await tx.membership.findMany({ orderBy: { organizationId: "asc" } });
      const updated = await tx.membership.updateMany({ data: { name: "Hijacked" } });
      return { organizations: rows.map((row) => row.organizationId), updated: updated.count };
    });
    expect(seen).toEqual({ organizations: [first.id, second.id].sort(), updated: 0 });
  });
});

describe("use cases in a caller's transaction", () => {
  it("commit together with the caller's other work, or not at all", async () => {
    const org = await t.createOrganization();
    const scope = serviceScope(org.id, "user");
    await expect(
      inTransaction(t.db, scope, async (tx) => {
        await createDepartment(tx, scope, { name: "Never Committed" });
        throw new Error("the caller fails after the use case");
      }),
    ).rejects.toThrow("the caller fails after the use case");
    expect(await t.outboxTypes(org.id)).toEqual([]);

    await inTransaction(t.db, scope, async (tx) => {
      const parent = await createDepartment(tx, scope, { name: "Operations" });
      await createDepartment(tx, scope, { name: "Logistics", parentId: parent.id });
    });
    const names = await t.db.withOrganization(organizationIdOf(org.id), async (tx) => (await tx.department.findMany({ orderBy: { name: "asc" } })).map((d) => d.name));
    expect(names).toEqual(["Logistics", "Operations"]);
    expect(await t.outboxTypes(org.id)).toEqual(["user.department.created", "user.department.created"]);
  });
});
