/**
 * Finds request body fields that the schema silently dropped. zod's default `z.object` strips
 * unknown keys; API.md rejects them instead, at any depth, so comparing what came in with what
 * the schema kept catches them without rewriting every nested schema as strict.
 */
import type { ErrorDetail } from "@erp/errors";

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
