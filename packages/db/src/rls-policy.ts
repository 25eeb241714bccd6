import { quoteIdentifier } from "./identifiers";

/**
 * The tenant-isolation SQL a migration adds for an organization-scoped table (`schema.table`).
 * Migrations carry their own copy of this text; the function documents it and lets tests compare.
 */
export function rlsPolicySql(table: string): string {
  const [schema, name, ...rest] = table.split(".");
  if (!schema || !name || rest.length > 0) throw new Error(`Expected schema.table, got ${JSON.stringify(table)}`);
  const qualified = `${quoteIdentifier(schema, "schema name")}.${quoteIdentifier(name, "table name")}`;
  return [
    `ALTER TABLE ${qualified} ENABLE ROW LEVEL SECURITY;`,
    `ALTER TABLE ${qualified} FORCE ROW LEVEL SECURITY;`,
    `CREATE POLICY tenant_isolation ON ${qualified}`,
    "    USING (organization_id = app_current_organization())",
    "    WITH CHECK (organization_id = app_current_organization());",
  ].join("\n");
}
