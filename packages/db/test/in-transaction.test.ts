import { AppError, unprocessable } from "@erp/errors";
import { organizationIdOf, type Scope } from "@erp/scope";
import { createTestDatabase, dropTestDatabases } from "@erp/testkit";
import { createDatabase, DEFAULT_TRANSACTION_OPTIONS, inTransaction, isUniqueViolation, migrate, uuidv7, type Database, type TransactionClient } from "../src";
import { PrismaClient } from "./fixtures/app/src/generated/prisma/client";
import { FIXTURE_SCHEMA, fixtureMigrationsDir } from "./fixture-app";

type Tx = TransactionClient<PrismaClient>;

const scopeOf = (organizationId: string): Scope => ({ organizationId: organizationIdOf(organizationId), actor: { type: "user", id: uuidv7() } });
const ORG_A = scopeOf(uuidv7());
const ORG_B = scopeOf(uuidv7());

/** A use case in the service shape: (tx, scope, input) => output. */
async function addNote(tx: Tx, scope: Scope, input: { title: string }) {
  return tx.note.create({ data: { id: uuidv7(), organizationId: scope.organizationId, title: input.title } });
}

describe("inTransaction", () => {
  let db: Database<PrismaClient>;

  const titles = (scope: Scope) =>
    inTransaction(db, scope, async (tx) => (await tx.note.findMany({ orderBy: { title: "asc" } })).map((note) => note.title));

  beforeAll(async () => {
    const url = await createTestDatabase();
    await migrate({ connectionString: url, schema: FIXTURE_SCHEMA, migrationsDir: fixtureMigrationsDir });
    db = createDatabase({ connectionString: url, PrismaClient, schema: FIXTURE_SCHEMA, poolMax: 2 });
    await inTransaction(db, ORG_B, (tx) => addNote(tx, ORG_B, { title: "theirs" }));
  });

  afterAll(async () => {
    await db?.close();
    await dropTestDatabases();
  });

  test("runs the use case in the scope's organization and commits what it wrote", async () => {
    const note = await inTransaction(db, ORG_A, (tx) => addNote(tx, ORG_A, { title: "first" }));
    expect(note).toMatchObject({ title: "first", organizationId: ORG_A.organizationId });
    expect(await titles(ORG_A)).toEqual(["first"]);
    expect(await titles(ORG_B)).toEqual(["theirs"]);
  });

  test("a use case that fails after writing commits nothing, and its error reaches the caller unchanged", async () => {
    const refused = unprocessable("NOTE_REFUSED", "The note breaks a rule");
    const err = await inTransaction(
      db,
      ORG_A,
      async (tx) => {
        await addNote(tx, ORG_A, { title: "half-done" });
        throw refused;
      },
      { conflict: "never used" },
    ).catch((e: unknown) => e);
    expect(err).toBe(refused);
    expect(await titles(ORG_A)).not.toContain("half-done");
  });

  test("a unique violation is 409 CONFLICT with the given message, and the writes before it are rolled back", async () => {
    const err = await inTransaction(
      db,
      ORG_A,
      async (tx) => {
        await addNote(tx, ORG_A, { title: "before the duplicate" });
        return addNote(tx, ORG_A, { title: "first" });
      },
      { conflict: "A note with that title exists" },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 409, code: "CONFLICT", message: "A note with that title exists" });
    expect(await titles(ORG_A)).toEqual(["first"]);
  });

  test("a conflict function builds the error from the violation", async () => {
    const err = await inTransaction(db, ORG_A, (tx) => addNote(tx, ORG_A, { title: "first" }), {
      conflict: (violation) => new AppError("TITLE_TAKEN", `taken (${isUniqueViolation(violation)})`, 409, [{ path: "title", message: "Taken" }]),
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, code: "TITLE_TAKEN", message: "taken (true)", details: [{ path: "title", message: "Taken" }] });
  });

  test("without a conflict option the violation propagates as the database raised it", async () => {
    const err = await inTransaction(db, ORG_A, (tx) => addNote(tx, ORG_A, { title: "first" })).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(AppError);
    expect(isUniqueViolation(err)).toBe(true);
  });

  test("the same title in another organization is no conflict", async () => {
    await expect(inTransaction(db, ORG_B, (tx) => addNote(tx, ORG_B, { title: "first" }), { conflict: "taken" })).resolves.toMatchObject({
      title: "first",
    });
  });

  test("transaction options reach the transaction", async () => {
    const [row] = await inTransaction(
      db,
      ORG_A,
      (tx) => tx.$queryRaw<{ isolation: string; org: string }[]>`SELECT current_setting('transaction_isolation') AS isolation, current_setting('app.organization_id') AS org`,
      { transaction: { isolationLevel: "Serializable" } },
    );
    expect(row).toEqual({ isolation: "serializable", org: ORG_A.organizationId });
  });
  test("a transaction waits up to DEFAULT_TRANSACTION_OPTIONS.maxWait for a connection (Prisma's own 2 s failed bursts), and past the limit fails with P2028", async () => {
    expect(DEFAULT_TRANSACTION_OPTIONS.maxWait).toBeGreaterThan(2_500);
    // The pool has two connections: both held for 2.5 s, a third transaction must queue past Prisma's 2 s default.
    const hold = () => inTransaction(db, ORG_A, (tx) => tx.$executeRaw`SELECT pg_sleep(2.5)`);
    const holders = [hold(), hold()];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const queued = inTransaction(db, ORG_A, async () => "served");
    const impatient = inTransaction(db, ORG_A, async () => "never", { transaction: { maxWait: 200 } }).catch((e: unknown) => e);
    expect(await queued).toBe("served");
    expect(await impatient).toMatchObject({ code: "P2028", clientVersion: expect.any(String) });
    await Promise.all(holders);
  });
});
