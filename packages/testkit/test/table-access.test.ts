/**
 * The table-access guard, project-wide: every schema of the template database (every platform
 * package's and service's migrations, including services added tomorrow) keeps the rules; and the
 * guard reports each kind of fault, so a passing run means something.
 */
import { join } from "node:path";
import pg from "pg";
import { findMigrations } from "@erp/db";
import { createTestDatabase, dropTestDatabases, tableAccessProblems } from "../src";

const rootDir = join(__dirname, "..", "..", "..");

let owner: pg.Client;
beforeAll(async () => {
  owner = new pg.Client({ connectionString: await createTestDatabase() });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await dropTestDatabases();
});

test("every schema in the template database isolates organizations and gives erp_app no more than declared", async () => {
  const { rows } = await owner.query<{ schema: string }>(
    "SELECT nspname AS schema FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' ORDER BY 1",
  );
  const schemas = rows.map((row) => row.schema);
  // Every migrated schema is among those checked, so a new service cannot slip past the loop.
  for (const { schema } of await findMigrations(rootDir)) expect(schemas).toContain(schema);
  for (const schema of schemas) {
    expect({ schema, problems: await tableAccessProblems(owner, schema) }).toEqual({ schema, problems: [] });
  }
});

describe("the guard reports", () => {
  const schema = "guard_probe";
  beforeAll(async () => {
    await owner.query(`
      CREATE SCHEMA ${schema};
      CREATE TABLE ${schema}.declared (id uuid PRIMARY KEY, organization_id uuid NOT NULL, name text);
      CREATE INDEX ON ${schema}.declared (organization_id, name);
      SELECT public.app_enable_tenant_isolation('${schema}.declared');
      CREATE TABLE ${schema}.undeclared (id uuid PRIMARY KEY, organization_id uuid NOT NULL);
      GRANT SELECT ON ${schema}.undeclared TO erp_app;
      CREATE TABLE ${schema}.ledger (id uuid PRIMARY KEY, organization_id uuid NOT NULL);
      CREATE INDEX ON ${schema}.ledger (organization_id);
      SELECT public.app_enable_tenant_isolation('${schema}.ledger', ARRAY['SELECT', 'INSERT']);
      GRANT UPDATE ON ${schema}.ledger TO erp_app;
      CREATE TABLE ${schema}.journal (id uuid PRIMARY KEY, organization_id uuid NOT NULL);
      CREATE INDEX ON ${schema}.journal (organization_id);
      SELECT public.app_enable_tenant_isolation('${schema}.journal');
      CREATE POLICY open_updates ON ${schema}.journal FOR UPDATE USING (true);
      CREATE POLICY open_reads ON ${schema}.journal FOR SELECT USING (true);
      CREATE TABLE ${schema}.codes (code text PRIMARY KEY);
      GRANT SELECT, TRUNCATE ON ${schema}.codes TO erp_app;
      CREATE VIEW ${schema}.declared_names AS SELECT organization_id, name FROM ${schema}.declared;
      GRANT SELECT ON ${schema}.declared_names TO erp_app;
      CREATE VIEW ${schema}.invoker_names WITH (security_invoker = true) AS SELECT organization_id, name FROM ${schema}.declared;
      GRANT SELECT ON ${schema}.invoker_names TO erp_app;
      GRANT CREATE ON SCHEMA ${schema} TO erp_app;
    `);
  });

  test("each fault once, and nothing about the tables that keep the rules", async () => {
    const problems = await tableAccessProblems(owner, schema, { appendOnly: ["journal", "ledger_v2"], readOnly: ["codes"] });
    expect(problems.sort()).toEqual(
      [
        "erp_app may create objects in schema guard_probe",
        "guard_probe.ledger_v2 is expected append-only but does not exist",
        "guard_probe.undeclared has organization_id but no declaration: call app_enable_tenant_isolation('guard_probe.undeclared') " +
          "(or app_declare_cross_organization('guard_probe.undeclared', '<why>')) in its migration",
        "guard_probe.undeclared does not enable row level security",
        "guard_probe.undeclared does not force row level security",
        "guard_probe.undeclared has no policy for every command restricting organization_id to app_current_organization()",
        "guard_probe.undeclared has no index that starts with organization_id, the column its policy filters on",
        "erp_app may UPDATE on guard_probe.ledger, beyond its declaration (SELECT, INSERT)",
        "guard_probe.journal: policy open_updates widens UPDATE beyond the organization",
        "guard_probe.journal: policy open_reads lets every row be read",
        "guard_probe.journal is append-only but erp_app may UPDATE",
        "guard_probe.journal is append-only but erp_app may DELETE",
        "erp_app may TRUNCATE on guard_probe.codes, beyond SELECT, INSERT, UPDATE, DELETE",
        "guard_probe.declared_names is a view erp_app reads without security_invoker=true",
      ].sort(),
    );
  });

  test("a table declared cross-organization needs no row level security, only its reason", async () => {
    await owner.query(`
      CREATE TABLE ${schema}.relay_queue (id uuid PRIMARY KEY, organization_id uuid NOT NULL);
      SELECT public.app_declare_cross_organization('${schema}.relay_queue', 'read by a relay for every organization', ARRAY['SELECT']);
    `);
    const problems = await tableAccessProblems(owner, schema);
    expect(problems.filter((problem) => problem.includes("relay_queue"))).toEqual([]);
    await owner.query(`GRANT DELETE ON ${schema}.relay_queue TO erp_app`);
    expect((await tableAccessProblems(owner, schema)).filter((problem) => problem.includes("relay_queue"))).toEqual([
      "erp_app may DELETE on guard_probe.relay_queue, beyond its declaration (SELECT)",
    ]);
  });
});
