import { join } from "node:path";
import pg from "pg";
import { checkSchemaDrift } from "@erp/db";
import { createTestDatabase, dropTestDatabases } from "@erp/testkit";
import { EVENTS_SCHEMA } from "../src";

afterAll(() => dropTestDatabases());

test("the events schema's migrations and schema.prisma describe the same tables", async () => {
  const url = await createTestDatabase();
  const schemaPath = join(__dirname, "..", "prisma", "schema.prisma");
  expect(await checkSchemaDrift({ schemaPath, connectionString: url, schema: EVENTS_SCHEMA })).toEqual([]);
});

test("the runtime role may read and write the event tables, which have no row level security", async () => {
  const client = new pg.Client({ connectionString: await createTestDatabase() });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT c.relname AS table, c.relrowsecurity AS rls,
              has_table_privilege('erp_app', c.oid, 'SELECT, INSERT, UPDATE, DELETE') AS writable
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relname <> '_prisma_migrations' ORDER BY 1`,
      [EVENTS_SCHEMA],
    );
    expect(rows).toEqual(
      ["consumer_offsets", "dead_letters", "log", "processed_events", "topics"].map((table) => ({ table, rls: false, writable: true })),
    );
  } finally {
    await client.end();
  }
});
