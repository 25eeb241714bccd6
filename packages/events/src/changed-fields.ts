/**
 * What an update changed: the `changedFields` of every `*.updated` event, and how a use case
 * knows to skip a write (and its event) that changes nothing.
 */

/**
 * The names of `fields` whose values differ between `before` and `after`, in `fields` order.
 * Values are compared by their JSON form, so arrays and nested objects (addresses) compare by
 * content; give both sides in the same representation (e.g. decimals at the same scale).
 */
export function changedFields<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): string[] {
  return fields.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}
