/** Zod building blocks for environment variables, which are always strings. */
import { z } from "zod";

/** "a, b,,c" → ["a", "b", "c"]. */
export const commaList = z.string().transform((value) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);

/** "true"/"false"/"1"/"0" (any case) → boolean; anything else is an error rather than a silent false. */
export const booleanString = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(["true", "false", "1", "0"]))
  .transform((value) => value === "true" || value === "1");

/** A TCP port; 0 asks the OS for a free one (tests). */
export function port(defaultPort?: number) {
  const schema = z.coerce.number().int().min(0).max(65535);
  return defaultPort === undefined ? schema : schema.default(defaultPort);
}
