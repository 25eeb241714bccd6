/** The migration matches schema.prisma, and Row Level Security isolates organizations. */
import { join } from "node:path";
import { checkSchemaDrift } from "@erp/db";
import { startUserTestApp, type UserTestApp } from "../test/harness";

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
    expect(await t.db.prisma.role.findMany()).toEqual([]);
    expect(await t.db.prisma.membership.findMany()).toEqual([]);
    expect(await t.db.prisma.membershipRole.findMany()).toEqual([]);
    expect(await t.db.prisma.invitation.findMany()).toEqual([]);
    expect(await t.db.prisma.department.findMany()).toEqual([]);
  });

  it("inside an organization's context only its own rows are visible", async () => {
    const mine = await t.createOrganization();
    await t.createOrganization();
    const organizations = await t.db.withOrganization(mine.id, async (tx) => [
      ...new Set([...(await tx.role.findMany()), ...(await tx.membership.findMany())].map((row) => row.organizationId)),
    ]);
    expect(organizations).toEqual([mine.id]);
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
