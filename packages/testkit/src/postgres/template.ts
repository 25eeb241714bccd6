import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { migrate, readDatasourceSchemas } from "@erp/db";
import { quoteDatabase, withServer } from "./admin";
import { databaseUrl } from "./run-state";

export interface ServiceMigrations {
  service: string;
  schema: string;
  migrationsDir: string;
}

/**
 * Every `packages/<name>/prisma/migrations` (platform schemas such as `events`) and then every
 * `services/<name>/prisma/migrations`, each with the Postgres schema its schema.prisma declares.
 */
export async function findServiceMigrations(rootDir: string): Promise<ServiceMigrations[]> {
  return [...(await findMigrationsUnder(join(rootDir, "packages"))), ...(await findMigrationsUnder(join(rootDir, "services")))];
}

async function findMigrationsUnder(parentDir: string): Promise<ServiceMigrations[]> {
  if (!existsSync(parentDir)) return [];
  const found: ServiceMigrations[] = [];
  for (const name of readdirSync(parentDir).sort()) {
    const prismaDir = join(parentDir, name, "prisma");
    const migrationsDir = join(prismaDir, "migrations");
    if (!existsSync(migrationsDir) || !existsSync(join(prismaDir, "schema.prisma"))) continue;
    const [schema] = await readDatasourceSchemas(join(prismaDir, "schema.prisma"));
    found.push({ service: name, schema: schema ?? "public", migrationsDir });
  }
  return found;
}

/**
 * Creates `name` and migrates every service into it. Connections are then refused so nothing
 * keeps a session open on it, which would make `CREATE DATABASE … TEMPLATE` fail.
 */
export async function buildTemplateDatabase(serverUrl: string, name: string, services: ServiceMigrations[]): Promise<void> {
  await withServer(serverUrl, (client) => client.query(`CREATE DATABASE ${quoteDatabase(name)}`));
  for (const service of services) {
    await migrate({ connectionString: databaseUrl(serverUrl, name), schema: service.schema, migrationsDir: service.migrationsDir });
  }
  await withServer(serverUrl, (client) =>
    client.query(`ALTER DATABASE ${quoteDatabase(name)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`),
  );
}
