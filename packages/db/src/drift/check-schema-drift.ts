import pg from "pg";
import { assertIdentifier } from "../identifiers";
import { compareShapes } from "./compare-shapes";
import { readDatabaseShape } from "./database-shape";
import { loadDatamodel, readDatasourceSchemas } from "./prisma-datamodel";
import { expectedShape } from "./prisma-shape";

export interface CheckSchemaDriftOptions {
  /** schema.prisma, or a folder of .prisma files */
  schemaPath: string;
  connectionString: string;
  /** The Postgres schema to check; models of other schemas are ignored. */
  schema: string;
}

/**
 * Differences between schema.prisma and the migrated database: tables, columns, types,
 * nullability, primary keys, unique constraints, indexes, foreign keys and enums. Defaults,
 * RLS policies, partial and expression indexes, and the types of columns whose native type it
 * does not know are outside its reach. Empty means in step.
 */
export async function checkSchemaDrift(options: CheckSchemaDriftOptions): Promise<string[]> {
  const schema = assertIdentifier(options.schema, "schema name");
  const datamodel = await loadDatamodel(options.schemaPath);
  const [defaultSchema] = await readDatasourceSchemas(options.schemaPath);
  const expected = expectedShape(datamodel, schema, defaultSchema ?? "public");

  const client = new pg.Client({ connectionString: options.connectionString });
  client.on("error", () => undefined); // a dropped connection surfaces as the failing query's error
  await client.connect();
  try {
    return compareShapes(schema, expected, await readDatabaseShape(client, schema));
  } finally {
    await client.end();
  }
}
