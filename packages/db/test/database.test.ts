import { organizationIdOf } from "@erp/scope";
import { createTestDatabase, dropTestDatabases } from "@erp/testkit";
import { afterCommit, createDatabase, isNotFound, isUniqueViolation, migrate, uuidv7, type Database } from "../src";
import { PrismaClient } from "./fixtures/app/src/generated/prisma/client";
import { FIXTURE_SCHEMA, fixtureMigrationsDir } from "./fixture-app";

const ORG_A = organizationIdOf(uuidv7());
const ORG_B = organizationIdOf(uuidv7());

describe("createDatabase", () => {
  let url: string;
  let db: Database<PrismaClient>;

  const note = (organizationId: string, title: string) => ({ id: uuidv7(), organizationId, title });

  beforeAll(async () => {
    url = await createTestDatabase();
    await migrate({ connectionString: url, schema: FIXTURE_SCHEMA, migrationsDir: fixtureMigrationsDir });
    // One pooled connection: every test below reuses the connection the previous one used.
    db = createDatabase({ connectionString: url, PrismaClient, schema: FIXTURE_SCHEMA, poolMax: 1 });
    await db.withOrganization(ORG_A, (tx) => tx.note.createMany({ data: [note(ORG_A, "a1"), note(ORG_A, "a2")] }));
    await db.withOrganization(ORG_B, (tx) => tx.note.create({ data: note(ORG_B, "b1") }));
  });

  afterAll(async () => {
    await db?.close();
    await dropTestDatabases();
  });

  test("connections run as erp_app, with the service's schema first on the search path", async () => {
    const { rows } = await db.pool.query("SELECT current_user, current_setting('search_path') AS search_path");
    expect(rows[0]).toEqual({ current_user: "erp_app", search_path: "fixture,public" });
  });

  test("options already in the connection string are kept, and cannot drop the role", async () => {
    const withOptions = `${url}?options=${encodeURIComponent("-c statement_timeout=4321 -c role=postgres")}`;
    const other = createDatabase({ connectionString: withOptions, PrismaClient, schema: FIXTURE_SCHEMA, poolMax: 1 });
    try {
      const { rows } = await other.pool.query("SELECT current_user, current_setting('statement_timeout') AS timeout");
      expect(rows[0]).toEqual({ current_user: "erp_app", timeout: "4321ms" });
    } finally {
      await other.close();
    }
  });

  test("withOrganization sees only that organization's rows", async () => {
    const titles = await db.withOrganization(ORG_A, (tx) => tx.note.findMany({ orderBy: { title: "asc" } }));
    expect(titles.map((n) => n.title)).toEqual(["a1", "a2"]);

    const other = await db.withOrganization(ORG_B, (tx) => tx.note.findMany());
    expect(other.map((n) => n.title)).toEqual(["b1"]);
  });

  test("a query outside withOrganization sees nothing (fails closed)", async () => {
    expect(await db.prisma.note.findMany()).toEqual([]);
    expect(await db.transaction((tx) => tx.note.count())).toBe(0);
    expect((await db.pool.query("SELECT count(*)::int AS n FROM notes")).rows[0].n).toBe(0);
  });

  test("inserting a row for another organization is refused by the policy's WITH CHECK", async () => {
    await expect(db.withOrganization(ORG_A, (tx) => tx.note.create({ data: note(ORG_B, "sneaky") }))).rejects.toThrow(
      /row-level security/,
    );
  });

  test("moving a row to another organization is refused too", async () => {
    await expect(
      db.withOrganization(ORG_A, (tx) => tx.note.updateMany({ where: { title: "a1" }, data: { organizationId: ORG_B } })),
    ).rejects.toThrow(/row-level security/);
  });

  test("the organization setting ends with its transaction and never reaches the next one on the same connection", async () => {
    const [inside] = await db.withOrganization(
      ORG_A,
      (tx) => tx.$queryRaw<{ org: string; pid: number }[]>`SELECT current_setting('app.organization_id', true) AS org, pg_backend_pid() AS pid`,
    );
    expect(inside!.org).toBe(ORG_A);

    const after = await db.pool.query("SELECT current_setting('app.organization_id', true) AS org, pg_backend_pid() AS pid");
    expect(after.rows[0].pid).toBe(inside!.pid);
    expect(after.rows[0].org ?? "").toBe("");
    expect(await db.prisma.note.count()).toBe(0);
  });

  test("a failed withOrganization rolls back its writes", async () => {
    await expect(
      db.withOrganization(ORG_A, async (tx) => {
        await tx.note.create({ data: note(ORG_A, "rolled back") });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await db.withOrganization(ORG_A, (tx) => tx.note.count({ where: { title: "rolled back" } }))).toBe(0);
  });

  test("an organization id that is not a uuid is refused", async () => {
    // A plain string does not compile (only organizationIdOf makes an OrganizationId); the check
    // at run time is for a value cast past the brand.
    // @ts-expect-error not an OrganizationId
    await expect(db.withOrganization("", (tx) => tx.note.findMany())).rejects.toThrow(/organization id/);
    // @ts-expect-error not an OrganizationId
    await expect(db.withOrganization("x' OR true --", (tx) => tx.note.findMany())).rejects.toThrow(/organization id/);
  });

  test("another id, even a uuid, is not an organization id until organizationIdOf says so", async () => {
    const noteId = uuidv7();
    // @ts-expect-error a note's id swapped for the organization's does not compile
    await db.withOrganization(noteId, (tx) => tx.note.count());
    expect(await db.withOrganization(organizationIdOf(noteId), (tx) => tx.note.count())).toBe(0);
  });

  test("a duplicate through a Prisma model query is a unique violation", async () => {
    const err = await db.withOrganization(ORG_A, (tx) => tx.note.create({ data: note(ORG_A, "a1") })).catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect(isNotFound(err)).toBe(false);
  });

  test("a duplicate through a raw query, through the adapter or plain pg, is a unique violation", async () => {
    const raw = await db
      .withOrganization(ORG_A, (tx) => tx.$executeRaw`INSERT INTO notes (id, organization_id, title) VALUES (${uuidv7()}::uuid, ${ORG_A}::uuid, 'a1')`)
      .catch((e: unknown) => e);
    expect(isUniqueViolation(raw)).toBe(true);

    const client = await db.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT set_config('app.organization_id', $1, true)", [ORG_A]);
      const plain = await client
        .query("INSERT INTO notes (id, organization_id, title) VALUES ($1, $2, 'a1')", [uuidv7(), ORG_A])
        .catch((e: unknown) => e);
      expect(isUniqueViolation(plain)).toBe(true);
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });

  test("updating a row the organization cannot see is not found", async () => {
    const [b1] = await db.withOrganization(ORG_B, (tx) => tx.note.findMany());
    const err = await db
      .withOrganization(ORG_A, (tx) => tx.note.update({ where: { id: b1!.id }, data: { title: "taken over" } }))
      .catch((e: unknown) => e);
    expect(isNotFound(err)).toBe(true);
    expect(isUniqueViolation(err)).toBe(false);
  });

  test("ping answers while the database is reachable", async () => {
    await expect(db.ping()).resolves.toBeUndefined();
  });

  test("after-commit callbacks run once the transaction commits, and never after a rollback", async () => {
    const ran: string[] = [];
    await db.withOrganization(ORG_A, async (tx) => {
      afterCommit(tx, () => ran.push("committed"));
      expect(ran).toEqual([]);
      return tx.note.count();
    });
    expect(ran).toEqual(["committed"]);

    await expect(
      db.withOrganization(ORG_A, async (tx) => {
        afterCommit(tx, () => ran.push("rolled back"));
        throw new Error("business rule broken");
      }),
    ).rejects.toThrow("business rule broken");
    expect(ran).toEqual(["committed"]);
  });
});
