// Applies every platform package's and service's migrations (packages/*/prisma/migrations, then
// services/*/prisma/migrations) to DATABASE_URL. The launcher calls `migrateAll`; in a deployment,
// run `node --import tsx scripts/migrate.ts` before the services.
import { join } from "node:path";
import { findMigrations, migrate } from "@erp/db";
import { maskUrl } from "../packages/logging/src";

const rootDir = join(__dirname, "..");

/** Returns one line per schema saying what was applied. */
export async function migrateAll(connectionString: string): Promise<string[]> {
  const report: string[] = [];
  for (const { owner, schema, migrationsDir } of await findMigrations(rootDir)) {
    const { applied } = await migrate({ connectionString, schema, migrationsDir });
    const what = applied.length ? `applied ${applied.join(", ")}` : "up to date";
    report.push(`${owner} (schema ${schema}): ${what}`);
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
      console.error(maskUrl(error instanceof Error ? error.message : String(error)));
      process.exit(1);
    },
  );
}
