import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { dropDatabase, quoteDatabase, withServer } from "./admin";
import { databaseUrl, readRunState } from "./run-state";

const OBJECT_IN_USE = "55006";
const CLONE_ATTEMPTS = 10;

/** Databases this worker created, dropped by dropTestDatabases(). */
const created = new Set<string>();

export function testDatabasePrefix(runId: string): string {
  return `erp_test_${runId}_`;
}

/**
 * A fresh database cloned from the run's template (every service's migrations applied), for one
 * test file. Cloning copies files, so it costs milliseconds rather than a migration run.
 */
export async function createTestDatabase(): Promise<string> {
  const { serverUrl, templateDatabase, runId } = readRunState();
  const name = `${testDatabasePrefix(runId)}${randomBytes(5).toString("hex")}`;
  await withServer(serverUrl, async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${quoteDatabase(name)} TEMPLATE ${quoteDatabase(templateDatabase)}`);
        return;
      } catch (err) {
        // Autovacuum may be visiting the template for a moment: try again.
        if ((err as { code?: string }).code !== OBJECT_IN_USE || attempt === CLONE_ATTEMPTS) throw err;
        await sleep(50 * attempt);
      }
    }
  });
  created.add(name);
  return databaseUrl(serverUrl, name);
}

/** Drops the databases this process created (jest's global teardown drops any left over). */
export async function dropTestDatabases(): Promise<void> {
  if (created.size === 0) return;
  const { serverUrl } = readRunState();
  await withServer(serverUrl, async (client) => {
    for (const name of created) {
      await dropDatabase(client, name);
      created.delete(name);
    }
  });
}
