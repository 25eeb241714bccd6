import type { ClientBase } from "pg";
import { APP_ROLE } from "./app-role";
import { quoteIdentifier } from "./identifiers";
import { TABLE_ACCESS_FUNCTIONS } from "./table-access";

export { APP_ROLE };

/**
 * The role is cluster-wide while the advisory lock is per database, so two databases migrating at
 * once may both try to create it: the loser's duplicate is harmless.
 */
const CREATE_APP_ROLE = `
DO $$ BEGIN
  CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$`;

const GRANT_APP_ROLE = `
DO $$ BEGIN
  GRANT ${APP_ROLE} TO CURRENT_USER;
EXCEPTION WHEN unique_violation THEN NULL;
END $$`;

/**
 * Created only when missing rather than replaced: each service may migrate as its own owner role,
 * and only the function's owner may replace it.
 */
const CREATE_ORGANIZATION_FUNCTION = `
DO $$ BEGIN
  IF to_regprocedure('public.app_current_organization()') IS NULL THEN
    CREATE FUNCTION public.app_current_organization() RETURNS uuid
      LANGUAGE sql STABLE
      AS 'SELECT NULLIF(current_setting(''app.organization_id'', true), '''')::uuid';
  END IF;
END $$`;

/**
 * Schema, role, RLS helpers and grants that every service's migrations rely on: migrations declare
 * their tables with app_enable_tenant_isolation / app_declare_cross_organization and create their
 * outbox with app_create_outbox (see table-access.ts and this package's README).
 */
export async function bootstrapSchema(client: ClientBase, schema: string): Promise<void> {
  const quoted = quoteIdentifier(schema, "schema name");
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
  await client.query(CREATE_APP_ROLE);
  await assertAppRoleIsRestricted(client);
  await client.query(GRANT_APP_ROLE);
  await client.query(CREATE_ORGANIZATION_FUNCTION);
  for (const sql of TABLE_ACCESS_FUNCTIONS) await client.query(sql);
  await client.query(`GRANT USAGE ON SCHEMA ${quoted} TO ${APP_ROLE}`);
  await client.query(
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${quoted} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`,
  );
  await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${quoted} GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE}`);
}

/** A pre-existing erp_app that could bypass RLS would silently disable tenant isolation. */
async function assertAppRoleIsRestricted(client: ClientBase): Promise<void> {
  const { rows } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
    "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1",
    [APP_ROLE],
  );
  const role = rows[0];
  if (!role || role.rolsuper || role.rolbypassrls) {
    throw new Error(`Role ${APP_ROLE} must exist without SUPERUSER and BYPASSRLS`);
  }
}
