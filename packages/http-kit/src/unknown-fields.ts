/**
 * Finds what a request carries that its route does not declare.
 *
 * Body fields: zod's default `z.object` strips unknown keys; API.md rejects them instead, at any
 * depth, so comparing what came in with what the schema kept catches them without rewriting every
 * nested schema as strict. Query parameters: compared with the names the query schema declares.
 */
import type { ErrorDetail } from "@erp/errors";
import type { z } from "./zod";

export function unknownFields(input: unknown, output: unknown, path: string[] = []): ErrorDetail[] {
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((item, index) => unknownFields(item, output[index], [...path, String(index)]));
  }
  if (!isPlainObject(input) || !isPlainObject(output)) return [];
  return Object.keys(input).flatMap((key) =>
    key in output
      ? unknownFields(input[key], output[key], [...path, key])
      : [{ path: [...path, key].join("."), message: "Unknown field" }],
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The query parameter names a route's query schema declares, or `"any"` when the schema itself
 * admits undeclared keys (a loose object, a catch-all). No schema declares none.
 */
export function declaredParameters(schema: z.ZodType | undefined): ReadonlySet<string> | "any" {
  if (!schema) return new Set();
  const def = schema._zod.def as { type: string; [key: string]: unknown };
  switch (def.type) {
    case "object": {
      const catchall = def.catchall as z.ZodType | undefined;
      if (catchall && catchall._zod.def.type !== "never") return "any";
      return new Set(Object.keys(def.shape as object));
    }
    case "pipe":
      return declaredParameters(def.in as z.ZodType);
    case "optional":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
      return declaredParameters(def.innerType as z.ZodType);
    default:
      throw new Error(`query schemas must be objects (optionally piped); got ${def.type}`);
  }
}

/**
 * Query parameters a route does not declare (API.md: refused, not ignored, like unknown body
 * fields), one detail per name.
 */
export function unknownParameters(query: Record<string, unknown>, declared: ReadonlySet<string> | "any"): ErrorDetail[] {
  if (declared === "any") return [];
  return Object.keys(query)
    .filter((name) => !declared.has(name))
    .map((name) => ({ path: name.replaceAll("\u0000", "\\u0000"), message: "Unknown parameter" }));
}
