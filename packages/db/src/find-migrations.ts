import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { readDatasourceSchemas } from "./drift/prisma-datamodel";

export interface SchemaMigrations {
  /** The package or service folder name (`events`, `tenant`, ...). */
  owner: string;
  /** The Postgres schema its schema.prisma declares (`schemas = ["..."]`). */
  schema: string;
  migrationsDir: string;
}

/**
 * Every `packages/<name>/prisma/migrations` (platform schemas such as `events`), then every
 * `services/<name>/prisma/migrations`, in the order they are to be applied.
 */
export async function findMigrations(rootDir: string): Promise<SchemaMigrations[]> {
  return [...(await findMigrationsUnder(join(rootDir, "packages"))), ...(await findMigrationsUnder(join(rootDir, "services")))];
}

async function findMigrationsUnder(parentDir: string): Promise<SchemaMigrations[]> {
  if (!existsSync(parentDir)) return [];
  const found: SchemaMigrations[] = [];
  for (const name of readdirSync(parentDir).sort()) {
    const prismaDir = join(parentDir, name, "prisma");
    const migrationsDir = join(prismaDir, "migrations");
    if (!existsSync(migrationsDir) || !existsSync(join(prismaDir, "schema.prisma"))) continue;
    const [schema] = await readDatasourceSchemas(join(prismaDir, "schema.prisma"));
    if (!schema) throw new Error(`${prismaDir}/schema.prisma names no schema (datasource "schemas = [...]")`);
    found.push({ owner: name, schema, migrationsDir });
  }
  return found;
}
