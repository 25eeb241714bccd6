import { migrate, type SchemaMigrations } from "@erp/db";
import { quoteDatabase, withServer } from "./admin";
import { databaseUrl } from "./run-state";

/**
 * Creates `name` and migrates every service into it. Connections are then refused so nothing
 * keeps a session open on it, which would make `CREATE DATABASE … TEMPLATE` fail.
 */
export async function buildTemplateDatabase(serverUrl: string, name: string, schemas: SchemaMigrations[]): Promise<void> {
  await withServer(serverUrl, (client) => client.query(`CREATE DATABASE ${quoteDatabase(name)}`));
  for (const { schema, migrationsDir } of schemas) {
    await migrate({ connectionString: databaseUrl(serverUrl, name), schema, migrationsDir });
  }
  await withServer(serverUrl, (client) =>
    client.query(`ALTER DATABASE ${quoteDatabase(name)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`),
  );
}
