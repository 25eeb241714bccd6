/** Schema names end up inside SQL text, so they are validated before being quoted. */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function assertIdentifier(name: string, what: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`invalid ${what}: ${name}`);
  return name;
}
