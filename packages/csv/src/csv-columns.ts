/**
 * The columns of a resource's CSV: each maps to a path in the resource's API shape, so an export
 * writes what the API shows and an import row becomes the input the JSON API validates.
 */

export interface CsvColumn {
  header: string;
  /** Where the value lives in the API shape: `["billingAddress", "city"]`. */
  path: readonly string[];
  /** `list`: values joined with `;`; `integer`: a whole number; `text` (default) otherwise. */
  kind?: "text" | "list" | "integer";
}

export const LIST_SEPARATOR = ";";

/** The value at `path` in `record`; undefined where the path leads nowhere. */
export function valueAt(record: object, path: readonly string[]): unknown {
  return path.reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), record);
}

/** Sets `value` at `path`, creating the objects on the way. */
export function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const last = path.length - 1;
  let node = target;
  path.forEach((key, index) => {
    if (index === last) node[key] = value;
    else node = (node[key] ??= {}) as Record<string, unknown>;
  });
}
