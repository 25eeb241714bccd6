/**
 * Environment for a service under test: what every service's config requires, set to values that
 * keep tests quiet and deterministic. Tests spread their own DATABASE_URL, JWKS URL, … on top.
 */
export function testConfigEnv(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    NODE_ENV: "test",
    LOG_LEVEL: "error",
    LOG_FORMAT: "json",
    CORS_ORIGINS: "",
    BODY_LIMIT: "1mb",
    INTERNAL_API_KEY: "test-internal-api-key-0123456789abcdef",
    JWT_ISSUER: "erp-auth",
    JWT_AUDIENCE: "erp-api",
    ...overrides,
  };
  // An override of `undefined` removes a variable, to test what happens when it is missing.
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
