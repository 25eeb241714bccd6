/**
 * The guard on what the application role can reach in a schema, read from the catalog: every
 * table with an organization column is isolated by forced row level security (or declared
 * cross-organization with a reason), erp_app holds no more than each table's declaration (and what
 * the caller expects of append-only and read-only tables), and owns nothing.
 */
import { APP_ROLE, parseTableAccessComment, TABLE_PRIVILEGES, type TableAccessDeclaration } from "@erp/db";

/** A pg.Client or pg.Pool on an owner (superuser) connection. */
export interface CatalogQueryable {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

export interface TableAccessExpectations {
  /** Ledgers: erp_app may read and insert, never UPDATE or DELETE (a correction is a new row). */
  appendOnly?: string[];
  /** Reference data owned by migrations: erp_app may only SELECT. */
  readOnly?: string[];
}

/** The column that makes a table one organization's data when nothing else is declared. */
export const ORGANIZATION_COLUMN = "organization_id";

const EXTRA_PRIVILEGES = ["TRUNCATE", "REFERENCES", "TRIGGER"];

interface RelationRow {
  name: string;
  kind: "r" | "p" | "v" | "m" | "f";
  owner: string;
  comment: string | null;
  rls: boolean;
  forced: boolean;
  columns: string[];
  options: string[] | null;
  /** First column of each index. */
  leading: string[];
}

interface PolicyRow {
  table: string;
  name: string;
  command: string;
  permissive: boolean;
  using: string | null;
  check: string | null;
}

/**
 * Every way `schema` breaks the rules, one sentence each; empty when it keeps them. Tables the
 * expectations name must exist, so a renamed ledger cannot make the check vacuous.
 */
export async function tableAccessProblems(
  owner: CatalogQueryable,
  schema: string,
  expectations: TableAccessExpectations = {},
): Promise<string[]> {
  const problems: string[] = [];
  const relations = await readRelations(owner, schema);
  const policies = await readPolicies(owner, schema);
  const privileges = await readPrivileges(owner, schema);

  const { rows: schemaRows } = await owner.query<{ create: boolean }>(
    "SELECT has_schema_privilege($1, $2, 'CREATE') AS create",
    [APP_ROLE, schema],
  );
  if (schemaRows[0]?.create) problems.push(`${APP_ROLE} may create objects in schema ${schema}`);

  const byName = new Map(relations.map((relation) => [relation.name, relation]));
  for (const [label, names] of [["append-only", expectations.appendOnly], ["read-only", expectations.readOnly]] as const) {
    for (const name of names ?? []) if (!byName.has(name)) problems.push(`${schema}.${name} is expected ${label} but does not exist`);
  }

  for (const relation of relations) {
    const table = `${schema}.${relation.name}`;
    const held = privileges.get(relation.name) ?? new Set<string>();
    if (relation.owner === APP_ROLE) problems.push(`${table} is owned by ${APP_ROLE}, which must own nothing`);
    if (relation.kind === "v" || relation.kind === "m" || relation.kind === "f") {
      problems.push(...viewProblems(table, relation, held));
      continue;
    }
    const declaration = parseTableAccessComment(relation.comment);
    problems.push(...isolationProblems(table, relation, declaration, policies.filter((p) => p.table === relation.name)));
    problems.push(...privilegeProblems(table, declaration, held));
    if (expectations.appendOnly?.includes(relation.name)) {
      for (const privilege of ["UPDATE", "DELETE"]) if (held.has(privilege)) problems.push(`${table} is append-only but ${APP_ROLE} may ${privilege}`);
    }
    if (expectations.readOnly?.includes(relation.name)) {
      for (const privilege of ["INSERT", "UPDATE", "DELETE"]) if (held.has(privilege)) problems.push(`${table} is read-only but ${APP_ROLE} may ${privilege}`);
    }
  }
  return problems;
}

function isolationProblems(table: string, relation: RelationRow, declaration: TableAccessDeclaration | undefined, policies: PolicyRow[]): string[] {
  if (declaration?.kind === "cross-organization") return [];
  const column = declaration?.organizationColumn ?? ORGANIZATION_COLUMN;
  if (!declaration && !relation.columns.includes(ORGANIZATION_COLUMN)) return [];

  const problems: string[] = [];
  if (!declaration) {
    problems.push(
      `${table} has ${ORGANIZATION_COLUMN} but no declaration: call app_enable_tenant_isolation('${table}') ` +
        `(or app_declare_cross_organization('${table}', '<why>')) in its migration`,
    );
  }
  if (!relation.rls) problems.push(`${table} does not enable row level security`);
  if (!relation.forced) problems.push(`${table} does not force row level security`);

  const isolating = (policy: PolicyRow) =>
    policy.command === "*" && isOrganizationCheck(policy.using, column) && isOrganizationCheck(policy.check, column);
  if (!policies.some(isolating)) {
    problems.push(`${table} has no policy for every command restricting ${column} to app_current_organization()`);
  }
  for (const policy of policies) {
    if (!policy.permissive || isolating(policy)) continue;
    // A further permissive policy widens what its commands see: reads may be opened on purpose
    // (a user's own memberships before an organization is chosen), writes never.
    if (policy.command !== "r") problems.push(`${table}: policy ${policy.name} widens ${commandName(policy.command)} beyond the organization`);
    else if (policy.using === null || /^\(?true\)?$/.test(policy.using.trim())) problems.push(`${table}: policy ${policy.name} lets every row be read`);
  }
  if (!relation.leading.includes(column)) problems.push(`${table} has no index that starts with ${column}, the column its policy filters on`);
  return problems;
}

function isOrganizationCheck(expression: string | null, column: string): boolean {
  if (!expression) return false;
  const compact = expression.replace(/[\s()"]/g, "");
  return compact === `${column}=app_current_organization` || compact === `${column}=public.app_current_organization`;
}

function privilegeProblems(table: string, declaration: TableAccessDeclaration | undefined, held: Set<string>): string[] {
  const allowed = new Set<string>(declaration ? declaration.privileges : TABLE_PRIVILEGES);
  const excess = [...held].filter((privilege) => !allowed.has(privilege));
  if (excess.length === 0) return [];
  const beyond = declaration ? `its declaration (${declaration.privileges.join(", ") || "nothing"})` : TABLE_PRIVILEGES.join(", ");
  return [`${APP_ROLE} may ${excess.join(", ")} on ${table}, beyond ${beyond}`];
}

/**
 * Views run with their owner's rights unless security_invoker is set, and materialized views
 * have no row level security at all: either would read around the policies of the tables below.
 */
function viewProblems(table: string, relation: RelationRow, held: Set<string>): string[] {
  if (!relation.columns.includes(ORGANIZATION_COLUMN) || !held.has("SELECT")) return [];
  if (relation.kind === "v") {
    return relation.options?.includes("security_invoker=true") ? [] : [`${table} is a view ${APP_ROLE} reads without security_invoker=true`];
  }
  return [`${table} (${relation.kind === "m" ? "materialized view" : "foreign table"}) has no row level security but ${APP_ROLE} may read it`];
}

const commandName = (command: string) => ({ r: "SELECT", a: "INSERT", w: "UPDATE", d: "DELETE", "*": "ALL" })[command] ?? command;

async function readRelations(owner: CatalogQueryable, schema: string): Promise<RelationRow[]> {
  const { rows } = await owner.query<RelationRow>(
    `SELECT c.relname AS name, c.relkind AS kind, pg_get_userbyid(c.relowner) AS owner,
            obj_description(c.oid, 'pg_class') AS comment,
            c.relrowsecurity AS rls, c.relforcerowsecurity AS forced, c.reloptions AS options,
            coalesce((SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
                      WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '{}') AS columns,
            coalesce((SELECT array_agg(DISTINCT a.attname::text) FROM pg_index i
                      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                      WHERE i.indrelid = c.oid), '{}') AS leading
       FROM pg_class c
      WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
        AND NOT c.relispartition AND c.relname <> '_prisma_migrations'
      ORDER BY c.relname`,
    [schema],
  );
  return rows;
}

async function readPolicies(owner: CatalogQueryable, schema: string): Promise<PolicyRow[]> {
  const { rows } = await owner.query<PolicyRow>(
    `SELECT c.relname AS table, p.polname AS name, p.polcmd AS command, p.polpermissive AS permissive,
            pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS check
       FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
      WHERE c.relnamespace = $1::regnamespace`,
    [schema],
  );
  return rows;
}

/** What erp_app may do on each relation, through any grant (its own, PUBLIC's or a role's it is in). */
async function readPrivileges(owner: CatalogQueryable, schema: string): Promise<Map<string, Set<string>>> {
  const { rows: version } = await owner.query<{ number: number }>("SELECT current_setting('server_version_num')::int AS number");
  const candidates = [...TABLE_PRIVILEGES, ...EXTRA_PRIVILEGES, ...((version[0]?.number ?? 0) >= 170000 ? ["MAINTAIN"] : [])];
  const { rows } = await owner.query<{ name: string; privilege: string }>(
    `SELECT c.relname AS name, p.privilege
       FROM pg_class c CROSS JOIN unnest($3::text[]) AS p(privilege)
      WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
        AND has_table_privilege($2, c.oid, p.privilege)`,
    [schema, APP_ROLE, candidates],
  );
  const held = new Map<string, Set<string>>();
  for (const row of rows) {
    const set = held.get(row.name) ?? new Set<string>();
    set.add(row.privilege);
    held.set(row.name, set);
  }
  return held;
}
