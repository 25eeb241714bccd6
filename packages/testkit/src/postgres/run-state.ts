/**
 * How jest's global setup tells test workers where the run's PostgreSQL and template are: through
 * the environment, which workers inherit because jest starts them after global setup.
 */
export const RUN_ENV = {
  serverUrl: "ERP_TEST_SERVER_URL",
  templateDatabase: "ERP_TEST_TEMPLATE_DATABASE",
  runId: "ERP_TEST_RUN_ID",
} as const;

export interface RunState {
  /** A URL of the server's maintenance database, used to create and drop databases. */
  serverUrl: string;
  templateDatabase: string;
  runId: string;
}

export function readRunState(): RunState {
  const serverUrl = process.env[RUN_ENV.serverUrl];
  const templateDatabase = process.env[RUN_ENV.templateDatabase];
  const runId = process.env[RUN_ENV.runId];
  if (!serverUrl || !templateDatabase || !runId) {
    throw new Error(
      "No test PostgreSQL: run tests through the root jest config, whose globalSetup is @erp/testkit's",
    );
  }
  return { serverUrl, templateDatabase, runId };
}

export function writeRunState(state: RunState): void {
  process.env[RUN_ENV.serverUrl] = state.serverUrl;
  process.env[RUN_ENV.templateDatabase] = state.templateDatabase;
  process.env[RUN_ENV.runId] = state.runId;
}

/** The same server, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
