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

export async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  // FORCE: a test that forgot to close its pool must not make cleanup fail.
  await client.query(`DROP DATABASE IF EXISTS ${quoteDatabase(name)} WITH (FORCE)`);
}
