import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * The parsed data model of a schema.prisma, from Prisma's own parser compiled to wasm (the package
 * `prisma generate` uses), so no schema-engine binary is needed.
 */
export interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object" | "unsupported";
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}

export interface DmmfModel {
  name: string;
  dbName: string | null;
  schema: string | null;
  fields: DmmfField[];
}

export interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  fields: { name: string }[];
}

export interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName: string | null }[];
}

export interface Datamodel {
  models: DmmfModel[];
  enums: DmmfEnum[];
  indexes: DmmfIndex[];
}

type SchemaFiles = [path: string, content: string][];

/** A schema path may be one file or, with Prisma's multi-file schemas, a folder of `.prisma` files. */
function readSchemaFiles(schemaPath: string): SchemaFiles {
  if (!statSync(schemaPath).isDirectory()) return [[schemaPath, readFileSync(schemaPath, "utf8")]];
  return readdirSync(schemaPath, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".prisma"))
    .sort()
    .map((file) => [join(schemaPath, file), readFileSync(join(schemaPath, file), "utf8")]);
}

/** Prisma reports schema errors as JSON with ANSI colours; keep the readable part. */
function schemaError(schemaPath: string, err: unknown): Error {
  let detail = String(err instanceof Error ? err.message : err);
  try {
    detail = (JSON.parse(detail) as { message: string }).message;
  } catch {
    // not JSON: keep the raw text
  }
  // eslint-disable-next-line no-control-regex
  return new Error(`Invalid Prisma schema ${schemaPath}:\n${detail.replace(/\u001b\[[0-9;]*m/g, "")}`);
}

export async function loadDatamodel(schemaPath: string): Promise<Datamodel> {
  const wasm = await import("@prisma/prisma-schema-wasm");
  try {
    const dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: readSchemaFiles(schemaPath) })));
    return dmmf.datamodel as Datamodel;
  } catch (err) {
    throw schemaError(schemaPath, err);
  }
}

/** The Postgres schemas a schema.prisma's datasource declares (`schemas = [...]`), else `public`. */
export async function readDatasourceSchemas(schemaPath: string): Promise<string[]> {
  const wasm = await import("@prisma/prisma-schema-wasm");
  let result: { config: { datasources: { schemas?: string[] }[] }; errors?: unknown[] };
  try {
    result = JSON.parse(
      wasm.get_config(JSON.stringify({ prismaSchema: readSchemaFiles(schemaPath), datasourceOverrides: {}, ignoreEnvVarErrors: true, env: {} })),
    );
  } catch (err) {
    throw schemaError(schemaPath, err);
  }
  const schemas = result.config.datasources[0]?.schemas ?? [];
  return schemas.length > 0 ? schemas : ["public"];
}
