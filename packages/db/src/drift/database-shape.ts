import type { ClientBase } from "pg";
import { emptyTable, type SchemaShape, type TableShape } from "./table-shape";

/** pg_constraint's one-letter referential actions, named as schema.prisma names them. */
const REFERENTIAL_ACTIONS: Record<string, string> = {
  a: "NoAction",
  r: "Restrict",
  c: "Cascade",
  n: "SetNull",
  d: "SetDefault",
};

const COLUMNS_SQL = `
SELECT c.relname AS table_name, a.attname AS column_name, NOT a.attnotnull AS nullable,
       CASE WHEN t.typtype = 'e' THEN t.typname
            WHEN et.typtype = 'e' THEN et.typname || '[]'
            ELSE format_type(a.atttypid, a.atttypmod) END AS type
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
  AND c.relname <> '_prisma_migrations'
ORDER BY c.relname, a.attnum`;

/** Expression indexes are left out: schema.prisma cannot express them, migrations add them by hand. */
const INDEXES_SQL = `
SELECT c.relname AS table_name, ix.indisprimary AS is_primary, ix.indisunique AS is_unique,
       ix.indpred IS NOT NULL AS is_partial,
       ARRAY(SELECT a.attname::text FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
             ORDER BY k.ord) AS columns
FROM pg_index ix
JOIN pg_class c ON c.oid = ix.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND ix.indexprs IS NULL
  AND c.relname <> '_prisma_migrations'`;

const FOREIGN_KEYS_SQL = `
SELECT c.relname AS table_name, fn.nspname || '.' || fc.relname AS references,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS referenced_columns,
       con.confdeltype AS on_delete, con.confupdtype AS on_update
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class fc ON fc.oid = con.confrelid
JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE n.nspname = $1 AND con.contype = 'f'`;

const ENUMS_SQL = `
SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_enum e ON e.enumtypid = t.oid
WHERE n.nspname = $1
GROUP BY t.typname`;

export async function readDatabaseShape(client: ClientBase, schema: string): Promise<SchemaShape> {
  const tables = new Map<string, TableShape>();
  const table = (name: string) => {
    let shape = tables.get(name);
    if (!shape) tables.set(name, (shape = emptyTable()));
    return shape;
  };

  const columns = await client.query<{ table_name: string; column_name: string; nullable: boolean; type: string }>(
    COLUMNS_SQL,
    [schema],
  );
  for (const row of columns.rows) {
    table(row.table_name).columns.set(row.column_name, { type: row.type, nullable: row.nullable });
  }

  const indexes = await client.query<{
    table_name: string;
    is_primary: boolean;
    is_unique: boolean;
    is_partial: boolean;
    columns: string[];
  }>(INDEXES_SQL, [schema]);
  for (const row of indexes.rows) {
    const shape = table(row.table_name);
    if (row.is_primary) shape.primaryKey = row.columns;
    else if (row.is_unique) (row.is_partial ? shape.partialUniques : shape.uniques).push(row.columns);
    else (row.is_partial ? shape.partialIndexes : shape.indexes).push(row.columns);
  }

  const foreignKeys = await client.query<{
    table_name: string;
    references: string;
    columns: string[];
    referenced_columns: string[];
    on_delete: string;
    on_update: string;
  }>(FOREIGN_KEYS_SQL, [schema]);
  for (const row of foreignKeys.rows) {
    table(row.table_name).foreignKeys.push({
      columns: row.columns,
      references: row.references,
      referencedColumns: row.referenced_columns,
      onDelete: REFERENTIAL_ACTIONS[row.on_delete] ?? row.on_delete,
      onUpdate: REFERENTIAL_ACTIONS[row.on_update] ?? row.on_update,
    });
  }

  const enums = await client.query<{ name: string; values: string[] }>(ENUMS_SQL, [schema]);
  return { tables, enums: new Map(enums.rows.map((row) => [row.name, row.values])) };
}
