// Applies every service's migrations (services/*/prisma/migrations) to DATABASE_URL. The launcher
// calls `migrateAll`; in a deployment, run `node --import tsx scripts/migrate.ts` before the services.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { migrate } from "@erp/db";

const servicesDir = join(__dirname, "..", "services");

export interface ServiceMigrations {
  service: string;
  schema: string;
  migrationsDir: string;
}

/** The Postgres schema a service owns: the one named in its schema.prisma `schemas = ["…"]`. */
function schemaName(schemaPrismaPath: string): string {
  const match = /schemas\s*=\s*\[\s*"([^"]+)"/.exec(readFileSync(schemaPrismaPath, "utf8"));
  if (!match?.[1]) throw new Error(`${schemaPrismaPath} names no schema (datasource "schemas = [...]")`);
  return match[1];
}

export function findServiceMigrations(): ServiceMigrations[] {
  return readdirSync(servicesDir)
    .map((service) => ({ service, prismaDir: join(servicesDir, service, "prisma") }))
    .filter(({ prismaDir }) => existsSync(join(prismaDir, "migrations")))
    .map(({ service, prismaDir }) => ({
      service,
      schema: schemaName(join(prismaDir, "schema.prisma")),
      migrationsDir: join(prismaDir, "migrations"),
    }));
}

/** Returns one line per service saying what was applied. */
export async function migrateAll(connectionString: string): Promise<string[]> {
  const report: string[] = [];
  for (const { service, schema, migrationsDir } of findServiceMigrations()) {
    const { applied } = await migrate({ connectionString, schema, migrationsDir });
    const what = applied.length ? `applied ${applied.join(", ")}` : "up to date";
    report.push(`${service} (schema ${schema}): ${what}`);
  }
  return report;
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set");
    process.exit(1);
  }
  migrateAll(url).then(
    (report) => report.forEach((line) => console.log(line)),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
