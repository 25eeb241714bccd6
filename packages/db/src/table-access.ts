/**
 * The one definition of how a table is opened to the application role: SQL functions the
 * migration bootstrap installs in every database, which migrations call instead of writing RLS,
 * policies, grants and the outbox DDL by hand. Each call records what it declared in the table's
 * comment, so that tests (testkit's tableAccessProblems) can compare the database against it.
 */
import { APP_ROLE } from "./app-role";

/** What erp_app may be granted on a table; anything else (TRUNCATE, TRIGGER...) it never gets. */
export const TABLE_PRIVILEGES = ["SELECT", "INSERT", "UPDATE", "DELETE"] as const;
export type TablePrivilege = (typeof TABLE_PRIVILEGES)[number];

/** What a migration said about a table, read back from the table's comment. */
export type TableAccessDeclaration =
  | { kind: "tenant"; organizationColumn: string; privileges: TablePrivilege[] }
  | { kind: "cross-organization"; reason: string; privileges: TablePrivilege[] };

const TENANT_COMMENT = /^Tenant table \(([a-z_][a-z0-9_]*)\)\. erp_app may: ([A-Z, ]*)\.$/;
const CROSS_ORGANIZATION_COMMENT = /^Cross-organization table\. erp_app may: ([A-Z, ]*)\. Why: ([^]+)$/;

/**
 * Reads a table comment written by app_enable_tenant_isolation or app_declare_cross_organization.
 * Returns undefined for any other comment (or none): the table was not declared.
 */
export function parseTableAccessComment(comment: string | null | undefined): TableAccessDeclaration | undefined {
  if (!comment) return undefined;
  const tenant = TENANT_COMMENT.exec(comment);
  if (tenant) return { kind: "tenant", organizationColumn: tenant[1]!, privileges: parsePrivileges(tenant[2]!) };
  const cross = CROSS_ORGANIZATION_COMMENT.exec(comment);
  if (cross) return { kind: "cross-organization", reason: cross[2]!, privileges: parsePrivileges(cross[1]!) };
  return undefined;
}

function parsePrivileges(list: string): TablePrivilege[] {
  return list
    .split(",")
    .map((item) => item.trim())
    .filter((item): item is TablePrivilege => (TABLE_PRIVILEGES as readonly string[]).includes(item));
}

/**
 * Installed only when missing or when the migrating role owns the function: each service may
 * migrate as its own owner role, and only a function's owner may replace it. Every function runs
 * with the caller's rights (the owner of the tables it changes).
 */
function installFunction(signature: string, definition: string): string {
  return `
DO $install$ BEGIN
  IF to_regprocedure('${signature}') IS NULL
     OR (SELECT pg_get_userbyid(proowner) = current_user FROM pg_proc WHERE oid = to_regprocedure('${signature}')) THEN
    ${definition};
  END IF;
END $install$`;
}

/** `schema.table` quoted, revoke everything from erp_app, grant the declared privileges. */
const GRANT_DECLARED = installFunction(
  "public.app_grant_declared(regclass,text[])",
  `CREATE OR REPLACE FUNCTION public.app_grant_declared(target regclass, privileges text[]) RETURNS text
    LANGUAGE plpgsql AS $fn$
    DECLARE
      qualified text;
      wanted text[];
    BEGIN
      SELECT format('%I.%I', n.nspname, c.relname) INTO qualified
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = target;
      SELECT coalesce(array_agg(DISTINCT upper(btrim(p)) ORDER BY upper(btrim(p))), '{}') INTO wanted FROM unnest(privileges) AS p;
      IF NOT wanted <@ ARRAY[${TABLE_PRIVILEGES.map((p) => `'${p}'`).join(", ")}] THEN
        RAISE EXCEPTION '${APP_ROLE} may only be granted ${TABLE_PRIVILEGES.join(", ")} on %, not %', qualified, privileges;
      END IF;
      -- In the order of TABLE_PRIVILEGES, so that the recorded declaration reads the same everywhere.
      SELECT coalesce(array_agg(p ORDER BY array_position(ARRAY[${TABLE_PRIVILEGES.map((p) => `'${p}'`).join(", ")}], p)), '{}')
        INTO wanted FROM unnest(wanted) AS p;
      EXECUTE format('REVOKE ALL ON %s FROM ${APP_ROLE}', qualified);
      IF cardinality(wanted) > 0 THEN
        EXECUTE format('GRANT %s ON %s TO ${APP_ROLE}', array_to_string(wanted, ', '), qualified);
      END IF;
      RETURN array_to_string(wanted, ', ');
    END $fn$`,
);

/**
 * Row level security, enabled and forced, one policy on the organization column for every command,
 * exactly the declared privileges for erp_app, and the declaration in the table's comment.
 * Idempotent: a later migration may call it again to change the privileges.
 */
const ENABLE_TENANT_ISOLATION = installFunction(
  "public.app_enable_tenant_isolation(regclass,text[],name)",
  `CREATE OR REPLACE FUNCTION public.app_enable_tenant_isolation(
      target regclass,
      privileges text[] DEFAULT ARRAY[${TABLE_PRIVILEGES.map((p) => `'${p}'`).join(", ")}],
      organization_column name DEFAULT 'organization_id'
    ) RETURNS void
    LANGUAGE plpgsql AS $fn$
    DECLARE
      qualified text;
      granted text;
    BEGIN
      SELECT format('%I.%I', n.nspname, c.relname) INTO qualified
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = target;
      IF NOT EXISTS (
        SELECT 1 FROM pg_attribute
        WHERE attrelid = target AND attname = organization_column AND attnum > 0 AND NOT attisdropped AND atttypid = 'uuid'::regtype
      ) THEN
        RAISE EXCEPTION '% has no uuid column %', qualified, organization_column;
      END IF;
      EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', qualified);
      EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', qualified);
      EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', qualified);
      EXECUTE format(
        'CREATE POLICY tenant_isolation ON %s USING (%I = public.app_current_organization()) WITH CHECK (%I = public.app_current_organization())',
        qualified, organization_column, organization_column);
      granted := public.app_grant_declared(target, privileges);
      EXECUTE format('COMMENT ON TABLE %s IS %L', qualified,
        format('Tenant table (%s). ${APP_ROLE} may: %s.', organization_column, granted));
    END $fn$`,
);

/**
 * A table whose rows are not one organization's to see (shared reference data) or must be read
 * across organizations (the outbox relay, a sweeper): no row level security, exactly the declared
 * privileges, and the reason in the table's comment.
 */
const DECLARE_CROSS_ORGANIZATION = installFunction(
  "public.app_declare_cross_organization(regclass,text,text[])",
  `CREATE OR REPLACE FUNCTION public.app_declare_cross_organization(
      target regclass,
      reason text,
      privileges text[] DEFAULT ARRAY[${TABLE_PRIVILEGES.map((p) => `'${p}'`).join(", ")}]
    ) RETURNS void
    LANGUAGE plpgsql AS $fn$
    DECLARE
      qualified text;
      granted text;
    BEGIN
      SELECT format('%I.%I', n.nspname, c.relname) INTO qualified
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = target;
      IF coalesce(btrim(reason), '') = '' THEN
        RAISE EXCEPTION 'say why % is read across organizations', qualified;
      END IF;
      granted := public.app_grant_declared(target, privileges);
      EXECUTE format('COMMENT ON TABLE %s IS %L', qualified,
        format('Cross-organization table. ${APP_ROLE} may: %s. Why: %s', granted, btrim(reason)));
    END $fn$`,
);

/**
 * The service's transactional outbox (@erp/events appendToOutbox writes it, the relay publishes
 * and marks it, housekeeping prunes it), matching `model OutboxEvent { @@map("outbox") }`.
 */
const CREATE_OUTBOX = installFunction(
  "public.app_create_outbox(name)",
  `CREATE OR REPLACE FUNCTION public.app_create_outbox(schema_name name) RETURNS void
    LANGUAGE plpgsql AS $fn$
    BEGIN
      EXECUTE format($ddl$
        CREATE TABLE IF NOT EXISTS %I.outbox (
          id uuid PRIMARY KEY,
          sequence bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
          organization_id uuid NOT NULL,
          aggregate_type text NOT NULL,
          aggregate_id text NOT NULL,
          event_type text NOT NULL,
          event_version integer NOT NULL,
          envelope jsonb NOT NULL,
          created_at timestamptz(3) NOT NULL DEFAULT now(),
          published_at timestamptz(3)
        )$ddl$, schema_name);
      EXECUTE format('CREATE INDEX IF NOT EXISTS outbox_unpublished_idx ON %I.outbox (sequence) WHERE published_at IS NULL', schema_name);
      PERFORM public.app_declare_cross_organization(
        format('%I.outbox', schema_name)::regclass,
        'the relay publishes every organization''s events in commit order and marks them published; housekeeping prunes published rows');
    END $fn$`,
);

/**
 * The service's Idempotency-Key answers (@erp/idempotency writes them, service-kit prunes expired
 * ones), matching `model IdempotencyKey { @@map("idempotency_keys") }`. A key is stored as a hash
 * and the answer sealed under a key derived from the client's key, never in clear (see
 * packages/idempotency). Cross-organization: the keys of public routes (registration) belong to no
 * organization yet, and pruning spans every organization; every lookup names its scope.
 */
const CREATE_IDEMPOTENCY_KEYS = installFunction(
  "public.app_create_idempotency_keys(name)",
  `CREATE OR REPLACE FUNCTION public.app_create_idempotency_keys(schema_name name) RETURNS void
    LANGUAGE plpgsql AS $fn$
    BEGIN
      EXECUTE format($ddl$
        CREATE TABLE IF NOT EXISTS %I.idempotency_keys (
          scope text NOT NULL,
          key_hash text NOT NULL,
          organization_id uuid,
          method text NOT NULL,
          path text NOT NULL,
          request_fingerprint text NOT NULL,
          status text NOT NULL,
          claim_token uuid NOT NULL,
          locked_until timestamptz(3) NOT NULL,
          response_status integer,
          response_sealed text,
          created_at timestamptz(3) NOT NULL DEFAULT now(),
          completed_at timestamptz(3),
          expires_at timestamptz(3) NOT NULL,
          CONSTRAINT idempotency_keys_pkey PRIMARY KEY (scope, key_hash),
          CONSTRAINT idempotency_keys_status_check CHECK (status IN ('in_progress', 'completed')),
          CONSTRAINT idempotency_keys_answer_check CHECK (
            (status = 'completed') = (response_status IS NOT NULL AND response_sealed IS NOT NULL AND completed_at IS NOT NULL))
        )$ddl$, schema_name);
      EXECUTE format('CREATE INDEX IF NOT EXISTS idempotency_keys_expires_at_idx ON %I.idempotency_keys (expires_at)', schema_name);
      PERFORM public.app_declare_cross_organization(
        format('%I.idempotency_keys', schema_name)::regclass,
        'keys of public routes (registration) belong to no organization yet and housekeeping prunes expired keys of every organization; each lookup names its scope, keys are hashed and answers sealed under the client''s key');
    END $fn$`,
);

/** In dependency order: the others call app_grant_declared and app_declare_cross_organization. */
export const TABLE_ACCESS_FUNCTIONS = [GRANT_DECLARED, ENABLE_TENANT_ISOLATION, DECLARE_CROSS_ORGANIZATION, CREATE_OUTBOX, CREATE_IDEMPOTENCY_KEYS];
