import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";

/** Database names are generated here, but still checked before they are quoted into SQL. */
const DATABASE_NAME = /^[a-z_][a-z0-9_]*$/;

export function quoteDatabase(name: string): string {
  if (!DATABASE_NAME.test(name)) throw new Error(`Invalid database name ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** Runs `fn` with a short-lived connection to the server's maintenance database. */
export async function withServer<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  client.on("error", () => undefined); // a dropped connection surfaces as the failing query's error
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** How long a drop waits for the database's sessions to end by themselves before it ends them. */
const SESSIONS_GRACE_MS = 2_000;

/**
 * Drops `name` once its sessions are gone. `pool.end()` resolves when it has *asked* its
 * connections to close, before the server has seen them go: a forced drop at that moment
 * terminates them, and the pool (no longer listening for errors of its own) turns the server's
 * FATAL 57P01 into an uncaught error in the test that just finished. So this waits up to
 * SESSIONS_GRACE_MS for the sessions to end, then forces: a test that forgot to close its pool
 * must not make cleanup fail.
 */
export async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  const deadline = Date.now() + SESSIONS_GRACE_MS;
  for (;;) {
    const { rows } = await client.query<{ sessions: number }>(
      "SELECT count(*)::int AS sessions FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [name],
    );
    if (rows[0]!.sessions === 0 || Date.now() >= deadline) break;
    await sleep(10);
  }
  await client.query(`DROP DATABASE IF EXISTS ${quoteDatabase(name)} WITH (FORCE)`);
}
