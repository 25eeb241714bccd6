import type { DmmfField } from "./prisma-datamodel";

/**
 * Column types as Postgres's `format_type()` prints them, for the types Prisma's PostgreSQL
 * connector renders. Fields without a native type get Prisma's default for their scalar type.
 */
const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Text: () => "text",
  Uuid: () => "uuid",
  Citext: () => "citext",
  VarChar: ([n]) => (n ? `character varying(${n})` : "character varying"),
  Char: ([n]) => `character(${n ?? 1})`,
  SmallInt: () => "smallint",
  Integer: () => "integer",
  BigInt: () => "bigint",
  Oid: () => "oid",
  Boolean: () => "boolean",
  Decimal: ([p, s]) => (p ? `numeric(${p},${s ?? 0})` : "numeric"),
  Money: () => "money",
  Real: () => "real",
  DoublePrecision: () => "double precision",
  Timestamp: ([p]) => `timestamp${p ? `(${p})` : ""} without time zone`,
  Timestamptz: ([p]) => `timestamp${p ? `(${p})` : ""} with time zone`,
  Date: () => "date",
  Time: ([p]) => `time${p ? `(${p})` : ""} without time zone`,
  Timetz: ([p]) => `time${p ? `(${p})` : ""} with time zone`,
  Json: () => "json",
  JsonB: () => "jsonb",
  ByteA: () => "bytea",
  Xml: () => "xml",
  Inet: () => "inet",
  Bit: ([n]) => `bit(${n ?? 1})`,
  VarBit: ([n]) => (n ? `bit varying(${n})` : "bit varying"),
};

const SCALAR_DEFAULTS: Record<string, string> = {
  String: "text",
  Boolean: "boolean",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

/** Precision 6 is Postgres's default for timestamps and times, so `(6)` and none are the same type. */
export function normalizeColumnType(type: string): string {
  return type.replace(/^(timestamp|time)\(6\)/, "$1");
}

/** Enums compare by type name; `undefined` when the field's type is one this check does not know. */
export function expectedColumnType(field: DmmfField, enumDbNames: Map<string, string>): string | undefined {
  let base: string | undefined;
  if (field.kind === "enum") {
    base = enumDbNames.get(field.type) ?? field.type;
  } else if (field.nativeType) {
    const [name, args] = field.nativeType;
    base = NATIVE_TYPES[name]?.(args);
  } else {
    base = SCALAR_DEFAULTS[field.type];
  }
  if (base === undefined) return undefined;
  return normalizeColumnType(field.isList ? `${base}[]` : base);
}
