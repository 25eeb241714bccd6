import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";
import { startEmbeddedServer, type EmbeddedServer } from "../postgres/embedded-server";
import { findMigrations } from "@erp/db";
import { buildTemplateDatabase } from "../postgres/template";
import { writeRunState } from "../postgres/run-state";
import { dropRunDatabases } from "../postgres/run-cleanup";

/** Handed to global-teardown, which jest runs in this same process. */
export interface GlobalState {
  embedded?: EmbeddedServer;
}

declare global {
  var erpTestkit: GlobalState | undefined;
}

/**
 * One PostgreSQL for the whole jest run (embedded unless TEST_DATABASE_URL names a server) and a
 * template database with every service's migrations, which test files clone.
 */
export default async function globalSetup(globalConfig: { rootDir?: string }): Promise<void> {
  const rootDir = globalConfig.rootDir ?? resolve(__dirname, "../../../..");
  const runId = `${process.pid}_${randomBytes(3).toString("hex")}`;
  const state: GlobalState = {};
  globalThis.erpTestkit = state;

  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    state.embedded = await startEmbeddedServer(join(rootDir, ".data", `test-pg-${process.pid}`));
    serverUrl = state.embedded.url;
  }

  const run = { serverUrl, templateDatabase: `erp_template_${runId}`, runId };
  writeRunState(run);
  try {
    await buildTemplateDatabase(serverUrl, run.templateDatabase, await findMigrations(rootDir));
  } catch (err) {
    // jest skips global teardown when global setup fails: clean up here.
    if (state.embedded) await state.embedded.stop();
    else await dropRunDatabases(run);
    throw err;
  }
}
