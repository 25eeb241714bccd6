import { normalizeColumnType } from "./column-types";
import type { ExpectedShape } from "./prisma-shape";
import type { ForeignKeyShape, SchemaShape, TableShape } from "./table-shape";

const list = (columns: string[]) => `(${columns.join(", ")})`;
const fkKey = (fk: ForeignKeyShape) =>
  `${list(fk.columns)} → ${fk.references}${list(fk.referencedColumns)} on delete ${fk.onDelete} on update ${fk.onUpdate}`;

/**
 * Differences between two lists of keyed things, named from the schema.prisma point of view.
 * `alsoAccepted` may satisfy an expected key but is never reported as extra.
 */
function diffKeys(where: string, what: string, expected: string[], actual: string[], alsoAccepted: string[] = []): string[] {
  const missing = expected
    .filter((key) => !actual.includes(key) && !alsoAccepted.includes(key))
    .map((key) => `${where}: ${what} ${key} is missing`);
  const extra = actual
    .filter((key) => !expected.includes(key))
    .map((key) => `${where}: ${what} ${key} exists in the database but not in schema.prisma`);
  return [...missing, ...extra];
}

function compareTable(where: string, expected: TableShape, actual: TableShape, skipType: Set<string>): string[] {
  const out: string[] = [];
  for (const [name, column] of expected.columns) {
    const found = actual.columns.get(name);
    if (!found) {
      out.push(`${where}: column ${name} is missing`);
      continue;
    }
    const actualType = normalizeColumnType(found.type);
    if (!skipType.has(name) && actualType !== column.type) {
      out.push(`${where}.${name}: type is ${actualType} in the database, ${column.type} in schema.prisma`);
    }
    if (found.nullable !== column.nullable) {
      out.push(`${where}.${name}: ${column.nullable ? "optional" : "required"} in schema.prisma but ${found.nullable ? "nullable" : "NOT NULL"} in the database`);
    }
  }
  for (const name of actual.columns.keys()) {
    if (!expected.columns.has(name)) out.push(`${where}: column ${name} exists in the database but not in schema.prisma`);
  }
  if (list(expected.primaryKey) !== list(actual.primaryKey)) {
    out.push(`${where}: primary key is ${list(actual.primaryKey)} in the database, ${list(expected.primaryKey)} in schema.prisma`);
  }
  out.push(...diffKeys(where, "unique", expected.uniques.map(list), actual.uniques.map(list), actual.partialUniques.map(list)));
  out.push(...diffKeys(where, "index", expected.indexes.map(list), actual.indexes.map(list), actual.partialIndexes.map(list)));
  out.push(...diffKeys(where, "foreign key", expected.foreignKeys.map(fkKey), actual.foreignKeys.map(fkKey)));
  return out;
}

export function compareShapes(schema: string, expected: ExpectedShape, actual: SchemaShape): string[] {
  const out: string[] = [];
  for (const [table, shape] of expected.tables) {
    const where = `${schema}.${table}`;
    const found = actual.tables.get(table);
    if (!found) {
      out.push(`${where}: table is missing (model ${expected.modelOf.get(table)})`);
      continue;
    }
    const skipType = new Set(
      expected.unknownTypes.filter((c) => c.startsWith(`${table}.`)).map((c) => c.slice(table.length + 1)),
    );
    out.push(...compareTable(where, shape, found, skipType));
  }
  for (const table of actual.tables.keys()) {
    if (!expected.tables.has(table)) out.push(`${schema}.${table}: table exists in the database but not in schema.prisma`);
  }
  for (const [name, values] of expected.enums) {
    const found = actual.enums.get(name);
    if (!found) out.push(`${schema}.${name}: enum is missing`);
    else if (found.join(",") !== values.join(",")) {
      out.push(`${schema}.${name}: enum values are [${found.join(", ")}] in the database, [${values.join(", ")}] in schema.prisma`);
    }
  }
  for (const name of actual.enums.keys()) {
    if (!expected.enums.has(name)) out.push(`${schema}.${name}: enum exists in the database but not in schema.prisma`);
  }
  return out;
}
