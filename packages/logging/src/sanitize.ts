/**
 * Makes a log payload safe and serialisable: secrets are replaced at any depth (fields with a
 * secret-looking name, credentials in URLs inside any string), Errors become plain objects
 * (JSON.stringify would print `{}`), cycles and very deep nesting are cut.
 */
import { maskUrl } from "./mask-url";
import { isSensitiveKey } from "./sensitive-keys";

export { isSensitiveKey };
export const REDACTED = "[REDACTED]";
const MAX_DEPTH = 8;

export function sanitize(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return maskUrl(value);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[Circular]";
  if (depth >= MAX_DEPTH) return "[Truncated]";

  if (value instanceof Error) {
    seen.add(value);
    // name, message and stack are not own enumerable properties, so spreading alone loses them.
    const fields: Record<string, unknown> = { ...value, name: value.name, message: value.message, stack: value.stack };
    return sanitizeEntries(fields, depth, seen);
  }
  if (Array.isArray(value)) {
    seen.add(value);
    return value.map((item) => sanitize(item, depth + 1, seen));
  }
  if (!isPlainObject(value)) return value;
  seen.add(value);
  return sanitizeEntries(value as Record<string, unknown>, depth, seen);
}

function sanitizeEntries(source: Record<string, unknown>, depth: number, seen: WeakSet<object>) {
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(source)) {
    result[key] = isSensitiveKey(key) ? REDACTED : sanitize(item, depth + 1, seen);
  }
  return result;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
