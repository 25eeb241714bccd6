import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A tiny organization-scoped app (schema "fixture"): notes and their tags, both under RLS. */
export const FIXTURE_SCHEMA = "fixture";
export const fixtureDir = join(__dirname, "fixtures", "app");
export const fixtureSchemaPath = join(fixtureDir, "prisma", "schema.prisma");
export const fixtureMigrationsDir = join(fixtureDir, "prisma", "migrations");

/** A private copy of the fixture migrations, for tests that edit or add migration files. */
export function copyOfFixtureMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), "erp-db-migrations-"));
  cpSync(fixtureMigrationsDir, dir, { recursive: true });
  return dir;
}
