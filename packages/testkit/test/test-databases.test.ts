import { readdirSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { createTestDatabase, dropTestDatabases } from "../src";
import { findMigrations } from "@erp/db";

const rootDir = join(__dirname, "..", "..", "..");

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const databaseName = (url: string) => new URL(url).pathname.slice(1);

describe("createTestDatabase", () => {
  afterAll(() => dropTestDatabases());

  test("each call returns a new database with every service's migrations applied", async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    expect(databaseName(a)).not.toBe(databaseName(b));
    expect(databaseName(a)).toMatch(/^erp_test_/);

    for (const { schema, migrationsDir } of await findMigrations(rootDir)) {
      const folders = readdirSync(migrationsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
      const applied = await withClient(a, async (c) =>
        (await c.query(`SELECT migration_name FROM "${schema}"._prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1`)).rows.map(
          (r) => r.migration_name,
        ),
      );
      expect(applied).toEqual(folders);
    }
  });

  test("what one test database writes, another does not see", async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    await withClient(a, (c) => c.query("CREATE TABLE public.only_in_a (id int); INSERT INTO public.only_in_a VALUES (1)"));

    const inB = await withClient(b, (c) => c.query("SELECT to_regclass('public.only_in_a') AS t"));
    expect(inB.rows[0].t).toBeNull();
    const again = await createTestDatabase();
    const inNew = await withClient(again, (c) => c.query("SELECT to_regclass('public.only_in_a') AS t"));
    expect(inNew.rows[0].t).toBeNull();
  });

  test("a new database is a clone of the template: its migrations were applied before it was asked for, not run for it", async () => {
    const asked = new Date();
    const url = await createTestDatabase();
    const [first] = await findMigrations(rootDir);
    const { rows } = await withClient(url, (c) =>
      c.query<{ latest: Date }>(`SELECT max(finished_at) AS latest FROM "${first!.schema}"._prisma_migrations`),
    );
    expect(rows[0]!.latest.getTime()).toBeLessThan(asked.getTime());
  });

  test("dropTestDatabases drops the databases this file created", async () => {
    const url = await createTestDatabase();
    await dropTestDatabases();
    await expect(withClient(url, (c) => c.query("SELECT 1"))).rejects.toThrow(/does not exist/);
  });

  test("the drop lets a session that is closing end by itself before it forces anything", async () => {
    // pool.end() resolves before the server has seen its connections close; a drop that forced
    // them then was a FATAL 57P01 on the pool, uncaught, failing whichever test ran last. Here the
    // session closes a moment after the drop began: it must see no error, and the drop still ends.
    const url = await createTestDatabase();
    const client = new pg.Client({ connectionString: url });
    const errors: string[] = [];
    client.on("error", (err) => errors.push(String(err)));
    await client.connect();
    const dropping = dropTestDatabases();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await client.end();
    await dropping;
    expect(errors).toEqual([]);
    await expect(withClient(url, (c) => c.query("SELECT 1"))).rejects.toThrow(/does not exist/);
  });

  test("a pool left open does not keep its database: the drop ends its sessions", async () => {
    const url = await createTestDatabase();
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    pool.on("error", () => undefined);
    await pool.query("SELECT 1");
    await dropTestDatabases();
    await expect(withClient(url, (c) => c.query("SELECT 1"))).rejects.toThrow(/does not exist/);
    await pool.end();
  });
});
