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

  test("a clone takes well under a second", async () => {
    const started = performance.now();
    await createTestDatabase();
    const ms = performance.now() - started;
    process.stdout.write(`createTestDatabase took ${ms.toFixed(0)} ms\n`);
    expect(ms).toBeLessThan(2000);
  });

  test("dropTestDatabases drops the databases this file created", async () => {
    const url = await createTestDatabase();
    await dropTestDatabases();
    await expect(withClient(url, (c) => c.query("SELECT 1"))).rejects.toThrow(/does not exist/);
  });

  test("a pool ended just before the drop sees no error: the drop waits for its sessions to go", async () => {
    // pool.end() resolves before the server has seen its connections close; a drop that forced
    // them then was a FATAL 57P01 on the pool, uncaught, failing whichever test ran last.
    const errors: string[] = [];
    for (let round = 0; round < 30; round++) {
      const url = await createTestDatabase();
      const pool = new pg.Pool({ connectionString: url, max: 8 });
      pool.on("error", (err) => errors.push(String(err)));
      await Promise.all(Array.from({ length: 8 }, () => pool.query("SELECT pg_sleep(0.005)")));
      await pool.end();
      await dropTestDatabases();
    }
    expect(errors).toEqual([]);
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
