import { createHash } from "node:crypto";
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createTestDatabase, dropTestDatabases } from "@erp/testkit";
import pg from "pg";
import { migrate } from "../src";
import { checksumOf } from "../src/migration-files";
import { copyOfFixtureMigrations, FIXTURE_SCHEMA, fixtureMigrationsDir } from "./fixture-app";

const MIGRATIONS = ["20250101000000_init", "20250102000000_tags"];

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const history = (url: string) =>
  query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
    url,
    `SELECT migration_name, checksum, finished_at, applied_steps_count FROM ${FIXTURE_SCHEMA}._prisma_migrations ORDER BY migration_name`,
  );

describe("migrate", () => {
  let url: string;
  const tempDirs: string[] = [];

  beforeEach(async () => {
    url = await createTestDatabase();
  });

  afterAll(async () => {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    await dropTestDatabases();
  });

  const tempMigrations = () => {
    const dir = copyOfFixtureMigrations();
    tempDirs.push(dir);
    return dir;
  };

  test("applies pending migrations in order and records them as prisma migrate deploy does", async () => {
    const result = await migrate({ connectionString: url, schema: FIXTURE_SCHEMA, migrationsDir: fixtureMigrationsDir });

    expect(result.applied).toEqual(MIGRATIONS);
    const rows = await history(url);
    expect(rows.map((r) => r.migration_name)).toEqual(MIGRATIONS);
    for (const row of rows) {
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
    const tables = await query<{ tablename: string }>(url, "SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY 1", [FIXTURE_SCHEMA]);
    expect(tables.map((t) => t.tablename)).toEqual(["_prisma_migrations", "notes", "tags"]);
  });

  test("the checksum is the sha256 of migration.sql, as Prisma computes it", async () => {
    await migrate({ connectionString: url, schema: FIXTURE_SCHEMA, migrationsDir: fixtureMigrationsDir });
    const [first] = await history(url);
    const script = readFileSync(join(fixtureMigrationsDir, MIGRATIONS[0]!, "migration.sql"));
    expect(first!.checksum).toBe(createHash("sha256").update(script).digest("hex"));
  });

  test("the migrations table has exactly Prisma's columns", async () => {
    await migrate({ connectionString: url, schema: FIXTURE_SCHEMA, migrationsDir: fixtureMigrationsDir });
    const columns = await query<{ column_name: string; data_type: string; is_nullable: string }>(
      url,
      "SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = $1 AND table_name = '_prisma_migrations' ORDER BY ordinal_position",
      [FIXTURE_SCHEMA],
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", is_nullable: "NO" },
      { column_name: "checksum", data_type: "character varying", is_nullable: "NO" },
      { column_name: "finished_at", data_type: "timestamp with time zone", is_nullable: "YES" },
      { column_name: "migration_name", data_type: "character varying", is_nullable: "NO" },
      { column_name: "logs", data_type: "text", is_nullable: "YES" },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", is_nullable: "YES" },
      { column_name: "started_at", data_type: "timestamp with time zone", is_nullable: "NO" },
      { column_name: "applied_steps_count", data_type: "integer", is_nullable: "NO" },
    ]);
  });

  test("running again applies nothing and changes nothing", async () => {
    await migrate({ connectionString: url, schema: FIXTURE_SCHEMA, migrationsDir: fixtureMigrationsDir });
    const before = await history(url);

    const again = await migrate({ connectionString: url, schema: FIXTURE_SCHEMA, migrationsDir: fixtureMigrationsDir });

    expect(again.applied).toEqual([]);
    expect(await history(url)).toEqual(before);
  });

  test("a migration added later is applied on the next run", async () => {
    const dir = tempMigrations();
    await migrate({ connectionString: url, schema: FIXTURE_SCHEMA, migrationsDir: dir });
    mkdirSync(join(dir, "20250103000000_note_summary"));
    writeFileSync(join(dir, "20250103000000_note_summary", "migration.sql"), 'ALTER TABLE "fixture"."notes" ADD COLUMN "summary" TEXT;\n');

    const result = await migrate({ connectionString: url, schema: FIXTURE_SCHEMA, migrationsDir: dir });

    expect(result.applied).toEqual(["20250103000000_note_summary"]);
  });

  test("when an applied migration's file changed, it refuses to run", async () => {
    const dir = tempMigrations();
    await migrate({ connectionString: url, schema: FIXTURE_SCHEMA, migrationsDir: dir });
    appendFileSync(join(dir, MIGRATIONS[0]!, "migration.sql"), "\n-- edited after it ran\n");
    mkdirSync(join(dir, "20250103000000_more"));
    writeFileSync(join(dir, "20250103000000_more", "migration.sql"), 'CREATE TABLE "fixture"."more" (id int);\n');

    await expect(migrate({ connectionString: url, schema: FIXTURE_SCHEMA, migrationsDir: dir })).rejects.toThrow(
      /checksum mismatch.*20250101000000_init/,
    );
    const tables = await query(url, "SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = 'more'", [FIXTURE_SCHEMA]);
    expect(tables).toHaveLength(0);
  });

  test("a file that only gained CRLF line endings through git still matches its checksum", async () => {
    const dir = tempMigrations();
    await migrate({ connectionString: url, schema: FIXTURE_SCHEMA, migrationsDir: dir });
    const file = join(dir, MIGRATIONS[0]!, "migration.sql");
    writeFileSync(file, readFileSync(file, "utf8").replace(/\n/g, "\r\n"));

    await expect(migrate({ connectionString: url, schema: FIXTURE_SCHEMA, migrationsDir: dir })).resolves.toEqual({ applied: [] });
  });

  test("a failing migration is rolled back entirely and not recorded", async () => {
    const dir = tempMigrations();
    mkdirSync(join(dir, "20250103000000_broken"));
    writeFileSync(
      join(dir, "20250103000000_broken", "migration.sql"),
      'CREATE TABLE "fixture"."half_done" (id int);\nSELECT * FROM "fixture"."no_such_table";\n',
    );

    await expect(migrate({ connectionString: url, schema: FIXTURE_SCHEMA, migrationsDir: dir })).rejects.toThrow(
      /20250103000000_broken failed/,
    );

    expect((await history(url)).map((r) => r.migration_name)).toEqual(MIGRATIONS);
    expect(await query(url, "SELECT 1 FROM pg_tables WHERE tablename = 'half_done'")).toHaveLength(0);
  });

  test("concurrent runners apply each migration exactly once", async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () => migrate({ connectionString: url, schema: FIXTURE_SCHEMA, migrationsDir: fixtureMigrationsDir })),
    );

    expect(results.flatMap((r) => r.applied).sort()).toEqual(MIGRATIONS);
    expect(await history(url)).toHaveLength(MIGRATIONS.length);
  });

  test("sets up the app role, the schema grants and app_current_organization()", async () => {
    await migrate({ connectionString: url, schema: FIXTURE_SCHEMA, migrationsDir: fixtureMigrationsDir });

    const [role] = await query<{ rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean; member: boolean }>(
      url,
      "SELECT rolsuper, rolbypassrls, rolcanlogin, pg_has_role(current_user, 'erp_app', 'MEMBER') AS member FROM pg_roles WHERE rolname = 'erp_app'",
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: false, member: true });

    const [grants] = await query<{ usage: boolean; notes: boolean; history: boolean }>(
      url,
      `SELECT has_schema_privilege('erp_app', 'fixture', 'USAGE') AS usage,
              has_table_privilege('erp_app', 'fixture.notes', 'SELECT, INSERT, UPDATE, DELETE') AS notes,
              has_table_privilege('erp_app', 'fixture._prisma_migrations', 'SELECT') AS history`,
    );
    expect(grants).toEqual({ usage: true, notes: true, history: false });

    const [fn] = await query<{ unset: string | null; volatility: string }>(
      url,
      "SELECT public.app_current_organization() AS unset, (SELECT provolatile FROM pg_proc WHERE oid = 'public.app_current_organization()'::regprocedure) AS volatility",
    );
    expect(fn).toEqual({ unset: null, volatility: "s" });
  });

  test("schema names that are not plain identifiers are refused before any SQL runs", async () => {
    await expect(migrate({ connectionString: url, schema: 'x"; DROP SCHEMA public; --', migrationsDir: fixtureMigrationsDir })).rejects.toThrow(
      /Invalid schema name/,
    );
  });

  test("checksumOf hashes the exact bytes", () => {
    expect(checksumOf("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});
