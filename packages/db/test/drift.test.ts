import { createTestDatabase, dropTestDatabases } from "@erp/testkit";
import pg from "pg";
import { checkSchemaDrift, migrate } from "../src";
import { FIXTURE_SCHEMA, fixtureMigrationsDir, fixtureSchemaPath } from "./fixture-app";

describe("checkSchemaDrift", () => {
  let url: string;

  beforeEach(async () => {
    url = await createTestDatabase();
    await migrate({ connectionString: url, schema: FIXTURE_SCHEMA, migrationsDir: fixtureMigrationsDir });
  });

  afterAll(() => dropTestDatabases());

  const drift = () => checkSchemaDrift({ schemaPath: fixtureSchemaPath, connectionString: url, schema: FIXTURE_SCHEMA });

  async function alter(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  }

  test("reports nothing when the database matches schema.prisma", async () => {
    expect(await drift()).toEqual([]);
  });

  test("reports a missing table when migrations have not run", async () => {
    const fresh = await createTestDatabase();
    const report = await checkSchemaDrift({ schemaPath: fixtureSchemaPath, connectionString: fresh, schema: FIXTURE_SCHEMA });
    expect(report).toEqual(
      expect.arrayContaining(["fixture.notes: table is missing (model Note)", "fixture.tags: table is missing (model Tag)"]),
    );
  });

  test("reports a missing column", async () => {
    await alter('ALTER TABLE fixture.notes DROP COLUMN "body"');
    expect(await drift()).toEqual(["fixture.notes: column body is missing"]);
  });

  test("reports a column the schema does not know", async () => {
    await alter("ALTER TABLE fixture.notes ADD COLUMN summary text");
    expect(await drift()).toEqual(["fixture.notes: column summary exists in the database but not in schema.prisma"]);
  });

  test("reports a wrong type, including a decimal's precision and a timestamp's time zone", async () => {
    await alter("ALTER TABLE fixture.notes ALTER COLUMN title TYPE varchar(20), ALTER COLUMN amount TYPE numeric(10,2)");
    await alter("ALTER TABLE fixture.notes ALTER COLUMN created_at TYPE timestamp(3)");
    expect((await drift()).sort()).toEqual([
      "fixture.notes.amount: type is numeric(10,2) in the database, numeric(12,2) in schema.prisma",
      "fixture.notes.created_at: type is timestamp(3) without time zone in the database, timestamp(3) with time zone in schema.prisma",
      "fixture.notes.title: type is character varying(20) in the database, text in schema.prisma",
    ]);
  });

  test("reports nullability that differs", async () => {
    await alter("ALTER TABLE fixture.notes ALTER COLUMN body SET NOT NULL, ALTER COLUMN title DROP NOT NULL");
    expect((await drift()).sort()).toEqual([
      "fixture.notes.body: optional in schema.prisma but NOT NULL in the database",
      "fixture.notes.title: required in schema.prisma but nullable in the database",
    ]);
  });

  test("reports a missing index and a missing unique constraint", async () => {
    await alter('DROP INDEX fixture."notes_organization_id_created_at_idx"; DROP INDEX fixture."notes_organization_id_title_key"');
    expect((await drift()).sort()).toEqual([
      "fixture.notes: index (organization_id, created_at) is missing",
      "fixture.notes: unique (organization_id, title) is missing",
    ]);
  });

  test("reports an index the schema does not declare, but not partial ones migrations add by hand", async () => {
    await alter("CREATE INDEX notes_title_idx ON fixture.notes (title)");
    await alter("CREATE UNIQUE INDEX notes_live_title ON fixture.notes (organization_id, body) WHERE body IS NOT NULL");
    expect(await drift()).toEqual(["fixture.notes: index (title) exists in the database but not in schema.prisma"]);
  });

  test("a partial index on the declared columns satisfies a declared index", async () => {
    await alter(
      'DROP INDEX fixture."notes_organization_id_created_at_idx"; CREATE INDEX notes_recent ON fixture.notes (organization_id, created_at) WHERE body IS NULL',
    );
    expect(await drift()).toEqual([]);
  });

  test("reports a changed primary key", async () => {
    await alter('ALTER TABLE fixture.tags DROP CONSTRAINT "tags_pkey", ADD PRIMARY KEY (id, organization_id)');
    expect(await drift()).toEqual(["fixture.tags: primary key is (id, organization_id) in the database, (id) in schema.prisma"]);
  });

  test("reports a missing foreign key and one whose delete rule differs", async () => {
    await alter('ALTER TABLE fixture.tags DROP CONSTRAINT "tags_note_id_fkey"');
    expect(await drift()).toEqual([
      "fixture.tags: foreign key (note_id) → fixture.notes(id) on delete Cascade on update Cascade is missing",
    ]);
    await alter("ALTER TABLE fixture.tags ADD FOREIGN KEY (note_id) REFERENCES fixture.notes(id) ON DELETE RESTRICT ON UPDATE CASCADE");
    expect(await drift()).toEqual([
      "fixture.tags: foreign key (note_id) → fixture.notes(id) on delete Cascade on update Cascade is missing",
      "fixture.tags: foreign key (note_id) → fixture.notes(id) on delete Restrict on update Cascade exists in the database but not in schema.prisma",
    ]);
  });

  test("reports enum values that differ", async () => {
    await alter(`ALTER TYPE fixture."NoteStatus" ADD VALUE 'archived'`);
    expect(await drift()).toEqual([
      "fixture.NoteStatus: enum values are [draft, published, archived] in the database, [draft, published] in schema.prisma",
    ]);
  });

  test("an invalid schema.prisma is reported as such", async () => {
    await expect(
      checkSchemaDrift({ schemaPath: __filename, connectionString: url, schema: FIXTURE_SCHEMA }),
    ).rejects.toThrow(/Invalid Prisma schema/);
  });
});
