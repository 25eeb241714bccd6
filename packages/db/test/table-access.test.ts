/**
 * The SQL functions the migration bootstrap installs: a migration that declares its tables with
 * them gets isolation that holds for erp_app, exactly the declared privileges, an outbox matching
 * the platform's DDL, and a declaration tests can read back.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createTestDatabase, dropTestDatabases } from "@erp/testkit";
import { migrate, parseTableAccessComment } from "../src";

const SCHEMA = "access_probe";
const ORG_A = "01900000-0000-7000-8000-00000000000a";
const ORG_B = "01900000-0000-7000-8000-00000000000b";
const tempDirs: string[] = [];

function migrationsWith(sql: string): string {
  const dir = mkdtempSync(join(tmpdir(), "erp-table-access-"));
  tempDirs.push(dir);
  mkdirSync(join(dir, "20250101000000_init"));
  writeFileSync(join(dir, "20250101000000_init", "migration.sql"), sql);
  return dir;
}

let url: string;
let owner: pg.Client;

beforeAll(async () => {
  url = await createTestDatabase();
  owner = new pg.Client({ connectionString: url });
  await owner.connect();
  await migrate({
    connectionString: url,
    schema: SCHEMA,
    migrationsDir: migrationsWith(`
      CREATE TABLE notes (id uuid PRIMARY KEY, organization_id uuid NOT NULL, body text NOT NULL);
      CREATE INDEX notes_organization_id_idx ON notes (organization_id);
      SELECT public.app_enable_tenant_isolation('${SCHEMA}.notes');
      CREATE TABLE entries (id uuid PRIMARY KEY, organization_id uuid NOT NULL, amount numeric NOT NULL);
      CREATE INDEX entries_organization_id_idx ON entries (organization_id);
      SELECT public.app_enable_tenant_isolation('${SCHEMA}.entries', ARRAY['SELECT', 'INSERT']);
      CREATE TABLE currencies (code char(3) PRIMARY KEY);
      SELECT public.app_declare_cross_organization('${SCHEMA}.currencies', 'reference data every organization reads', ARRAY['select']);
      SELECT public.app_create_outbox('${SCHEMA}');
    `),
  });
});

afterAll(async () => {
  await owner?.end();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  await dropTestDatabases();
});

/** Runs `fn` as erp_app in a transaction, inside `organizationId`'s context when given; rolled back. */
async function asApp<T>(organizationId: string | undefined, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL ROLE erp_app");
    await client.query(`SET LOCAL search_path TO ${SCHEMA}, public`);
    if (organizationId) await client.query("SELECT set_config('app.organization_id', $1, true)", [organizationId]);
    return await fn(client);
  } finally {
    await client.query("ROLLBACK").catch(() => undefined);
    await client.end();
  }
}

describe("app_enable_tenant_isolation", () => {
  beforeAll(async () => {
    await owner.query(`INSERT INTO ${SCHEMA}.notes VALUES (gen_random_uuid(), $1, 'a'), (gen_random_uuid(), $2, 'b')`, [ORG_A, ORG_B]);
  });

  test("erp_app sees nothing without an organization, and only its organization's rows within one", async () => {
    expect((await asApp(undefined, (c) => c.query("SELECT body FROM notes"))).rows).toEqual([]);
    expect((await asApp(ORG_A, (c) => c.query("SELECT body FROM notes"))).rows).toEqual([{ body: "a" }]);
  });

  test("erp_app cannot write a row of another organization", async () => {
    await expect(
      asApp(ORG_A, (c) => c.query("INSERT INTO notes VALUES (gen_random_uuid(), $1, 'sneaky')", [ORG_B])),
    ).rejects.toThrow(/violates row-level security policy/);
  });

  test("the declared privileges are exactly what erp_app holds: an append-only table refuses UPDATE and DELETE", async () => {
    await asApp(ORG_A, (c) => c.query("INSERT INTO entries VALUES (gen_random_uuid(), $1, 1)", [ORG_A]));
    await expect(asApp(ORG_A, (c) => c.query("UPDATE entries SET amount = 2"))).rejects.toThrow(/permission denied for table entries/);
    await expect(asApp(ORG_A, (c) => c.query("DELETE FROM entries"))).rejects.toThrow(/permission denied for table entries/);
  });

  test("the declaration is recorded in the table's comment", async () => {
    const comments = await owner.query<{ name: string; comment: string }>(
      `SELECT relname AS name, obj_description(oid, 'pg_class') AS comment FROM pg_class
        WHERE relnamespace = '${SCHEMA}'::regnamespace AND relkind = 'r' AND relname <> '_prisma_migrations' ORDER BY relname`,
    );
    expect(Object.fromEntries(comments.rows.map((row) => [row.name, parseTableAccessComment(row.comment)]))).toEqual({
      currencies: { kind: "cross-organization", reason: "reference data every organization reads", privileges: ["SELECT"] },
      entries: { kind: "tenant", organizationColumn: "organization_id", privileges: ["SELECT", "INSERT"] },
      notes: { kind: "tenant", organizationColumn: "organization_id", privileges: ["SELECT", "INSERT", "UPDATE", "DELETE"] },
      outbox: {
        kind: "cross-organization",
        reason: expect.stringContaining("relay"),
        privileges: ["SELECT", "INSERT", "UPDATE", "DELETE"],
      },
    });
  });

  test("refuses a privilege beyond SELECT, INSERT, UPDATE, DELETE, a missing column and a cross-organization table without a reason", async () => {
    await owner.query(`CREATE TABLE ${SCHEMA}.scratch (id uuid PRIMARY KEY)`);
    await expect(owner.query(`SELECT public.app_enable_tenant_isolation('${SCHEMA}.notes', ARRAY['SELECT', 'TRUNCATE'])`)).rejects.toThrow(
      /may only be granted SELECT, INSERT, UPDATE, DELETE/,
    );
    await expect(owner.query(`SELECT public.app_enable_tenant_isolation('${SCHEMA}.scratch')`)).rejects.toThrow(/has no uuid column organization_id/);
    await expect(owner.query(`SELECT public.app_declare_cross_organization('${SCHEMA}.scratch', ' ')`)).rejects.toThrow(/say why/);
  });
});

describe("app_create_outbox", () => {
  test("creates the platform's outbox: erp_app appends in any organization and the relay reads them all", async () => {
    const { rows: columns } = await owner.query<{ column_name: string; data_type: string; is_nullable: string }>(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_schema = '${SCHEMA}' AND table_name = 'outbox' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => `${c.column_name} ${c.data_type}${c.is_nullable === "NO" ? " not null" : ""}`)).toEqual([
      "id uuid not null",
      "sequence bigint not null",
      "organization_id uuid not null",
      "aggregate_type text not null",
      "aggregate_id text not null",
      "event_type text not null",
      "event_version integer not null",
      "envelope jsonb not null",
      "created_at timestamp with time zone not null",
      "published_at timestamp with time zone",
    ]);
    const insert = "INSERT INTO outbox (id, organization_id, aggregate_type, aggregate_id, event_type, event_version, envelope) VALUES (gen_random_uuid(), $1, 't', '1', 'x.y', 1, '{}')";
    await owner.query(insert.replace("INTO outbox", `INTO ${SCHEMA}.outbox`), [ORG_B]);
    const seen = await asApp(ORG_A, async (c) => {
      await c.query(insert, [ORG_A]);
      return (await c.query("SELECT organization_id FROM outbox ORDER BY sequence")).rows;
    });
    expect(seen).toEqual([{ organization_id: ORG_B }, { organization_id: ORG_A }]);
  });

  test("calling it again (a later migration re-declaring) changes nothing", async () => {
    await owner.query(`SELECT public.app_create_outbox('${SCHEMA}')`);
    const { rows } = await owner.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = '${SCHEMA}' AND tablename = 'outbox' ORDER BY 1`);
    expect(rows.map((r) => r.indexname)).toEqual(["outbox_pkey", "outbox_sequence_key", "outbox_unpublished_idx"]);
  });
});
