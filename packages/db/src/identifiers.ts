/** Schema and table names end up inside SQL text, so they are validated before being quoted. */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function assertIdentifier(name: string, what = "identifier"): string {
  if (!IDENTIFIER.test(name)) {
    throw new Error(`Invalid ${what} ${JSON.stringify(name)}: expected ${IDENTIFIER}`);
  }
  return name;
}

export function quoteIdentifier(name: string, what?: string): string {
  return `"${assertIdentifier(name, what)}"`;
}
