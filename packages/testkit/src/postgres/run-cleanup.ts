import { dropDatabase, quoteDatabase, withServer } from "./admin";
import type { RunState } from "./run-state";
import { testDatabasePrefix } from "./test-databases";

/** Drops the template and every database of this run (what an external server keeps otherwise). */
export async function dropRunDatabases({ serverUrl, templateDatabase, runId }: RunState): Promise<void> {
  await withServer(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string; datistemplate: boolean }>(
      "SELECT datname, datistemplate FROM pg_database WHERE starts_with(datname, $1) OR datname = $2",
      [testDatabasePrefix(runId), templateDatabase],
    );
    for (const { datname, datistemplate } of rows) {
      // Postgres refuses to drop a database marked as a template.
      if (datistemplate) await client.query(`ALTER DATABASE ${quoteDatabase(datname)} WITH IS_TEMPLATE false`);
      await dropDatabase(client, datname);
    }
  });
}
