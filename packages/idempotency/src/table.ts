/** The store's table in a service's schema. */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** `"<schema>".idempotency_keys`, for SQL text. @throws Error when `schema` is not a plain lower-case identifier */
export function idempotencyTable(schema: string): string {
  if (!IDENTIFIER.test(schema)) throw new Error(`invalid schema name: ${JSON.stringify(schema)}`);
  return `"${schema}".idempotency_keys`;
}
