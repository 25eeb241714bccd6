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

/** Every `services/<name>/prisma/migrations`, with the Postgres schema its schema.prisma declares. */
export async function findServiceMigrations(rootDir: string): Promise<ServiceMigrations[]> {
  const servicesDir = join(rootDir, "services");
  if (!existsSync(servicesDir)) return [];
  const found: ServiceMigrations[] = [];
  for (const service of readdirSync(servicesDir).sort()) {
    const prismaDir = join(servicesDir, service, "prisma");
    const migrationsDir = join(prismaDir, "migrations");
    if (!existsSync(migrationsDir) || !existsSync(join(prismaDir, "schema.prisma"))) continue;
    const [schema] = await readDatasourceSchemas(join(prismaDir, "schema.prisma"));
    found.push({ service, schema: schema ?? "public", migrationsDir });
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
