import { randomUUID } from "node:crypto";
import pg from "pg";
import { bootstrapSchema, APP_ROLE } from "./bootstrap";
import { quoteIdentifier } from "./identifiers";
import type { DbLogger } from "./logger";
import { readMigrationFiles, scriptMatchesChecksum, type MigrationFile } from "./migration-files";

export interface MigrateOptions {
  connectionString: string;
  /** The service's Postgres schema; `_prisma_migrations` lives there too. */
  schema: string;
  migrationsDir: string;
  logger?: DbLogger;
}

export interface MigrateResult {
  /** Names of the migrations applied by this call, in order. */
  applied: string[];
}

/** The same key `prisma migrate deploy` locks, so this runner and Prisma's never overlap. */
const MIGRATION_LOCK_KEY = 72707369;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** Exactly the table `prisma migrate deploy` creates, so either tool can continue the history. */
function migrationsTableSql(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (
    "id"                  VARCHAR(36) NOT NULL,
    "checksum"            VARCHAR(64) NOT NULL,
    "finished_at"         TIMESTAMPTZ,
    "migration_name"      VARCHAR(255) NOT NULL,
    "logs"                TEXT,
    "rolled_back_at"      TIMESTAMPTZ,
    "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "_prisma_migrations_pkey" PRIMARY KEY ("id")
  )`;
}

/**
 * Applies pending migrations as the connecting (owner) role, each in its own transaction, under
 * an advisory lock. Refuses to run when the recorded history no longer matches the files.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const schema = quoteIdentifier(options.schema, "schema name");
  const table = `${schema}."_prisma_migrations"`;
  const files = readMigrationFiles(options.migrationsDir);

  const client = new pg.Client({ connectionString: options.connectionString });
  client.on("error", () => undefined); // a dropped connection surfaces as the failing query's error
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    // Prisma's migration SQL qualifies its objects; policies call app_current_organization() bare.
    await client.query(`SET search_path TO ${schema}, public`);
    await inTransaction(client, async () => {
      await bootstrapSchema(client, options.schema);
      await client.query(migrationsTableSql(table));
      await client.query(`REVOKE ALL ON ${table} FROM ${APP_ROLE}`);
    });

    const { rows } = await client.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM ${table} ORDER BY started_at`,
    );
    const pending = pendingMigrations(files, rows, options);

    for (const file of pending) {
      await applyMigration(client, table, file);
      options.logger?.info("migration applied", { schema: options.schema, migration: file.name });
    }
    return { applied: pending.map((file) => file.name) };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

function pendingMigrations(files: MigrationFile[], rows: AppliedRow[], options: MigrateOptions): MigrationFile[] {
  const live = rows.filter((row) => row.rolled_back_at === null);
  const failed = live.filter((row) => row.finished_at === null);
  if (failed.length > 0) {
    throw new Error(
      `Schema ${options.schema} has failed migrations (${failed.map((r) => r.migration_name).join(", ")}); ` +
        "resolve them before migrating again",
    );
  }

  const byName = new Map(files.map((file) => [file.name, file]));
  const changed = live.filter((row) => {
    const file = byName.get(row.migration_name);
    return file !== undefined && !scriptMatchesChecksum(file.script, row.checksum);
  });
  if (changed.length > 0) {
    throw new Error(
      `Schema ${options.schema}: applied migrations were modified since they ran (checksum mismatch): ` +
        changed.map((row) => row.migration_name).join(", "),
    );
  }

  const appliedNames = new Set(live.map((row) => row.migration_name));
  for (const name of appliedNames) {
    if (!byName.has(name)) {
      options.logger?.warn("applied migration is missing from the migrations folder", {
        schema: options.schema,
        migration: name,
      });
    }
  }
  return files.filter((file) => !appliedNames.has(file.name));
}

/** Recorded like `prisma migrate deploy` does: a row when it starts, completed when it finishes. */
async function applyMigration(client: pg.Client, table: string, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  try {
    await inTransaction(client, async () => {
      await client.query(
        `INSERT INTO ${table} (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, clock_timestamp(), 0)`,
        [id, file.checksum, file.name],
      );
      await client.query(file.script);
      await client.query(
        `UPDATE ${table} SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
        [id],
      );
    });
  } catch (err) {
    throw new Error(`Migration ${file.name} failed and was rolled back: ${(err as Error).message}`, { cause: err });
  }
}

async function inTransaction(client: pg.Client, fn: () => Promise<void>): Promise<void> {
  await client.query("BEGIN");
  try {
    await fn();
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  }
}
