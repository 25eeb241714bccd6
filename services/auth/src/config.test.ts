import { testConfigEnv } from "@erp/testkit";
import { parseAuthConfig } from "./config";

const env = (overrides: Record<string, string> = {}) => testConfigEnv({ DATABASE_URL: "postgres://localhost/x", ...overrides });

describe("the auth configuration", () => {
  it("ends a session 90 days after its login unless REFRESH_SESSION_MAX_SECONDS says otherwise", () => {
    expect(parseAuthConfig(env()).REFRESH_SESSION_MAX_SECONDS).toBe(90 * 24 * 60 * 60);
    expect(parseAuthConfig(env({ REFRESH_SESSION_MAX_SECONDS: "3600" })).REFRESH_SESSION_MAX_SECONDS).toBe(3600);
  });

  it("refuses a session lifetime that is not a positive number of seconds", () => {
    for (const value of ["0", "-5", "1.5", "a day"]) {
      expect(() => parseAuthConfig(env({ REFRESH_SESSION_MAX_SECONDS: value }))).toThrow(/REFRESH_SESSION_MAX_SECONDS/);
    }
  });
});
