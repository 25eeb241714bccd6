import { testConfigEnv } from "@erp/testkit";
import { parseAuthConfig } from "./config";
import { generateKeyEncryptionKey, parseKeyEncryptionKey } from "./modules/signing-keys/key-encryption";

const KEK = generateKeyEncryptionKey();
const env = (overrides: Record<string, string | undefined> = {}) =>
  testConfigEnv({ DATABASE_URL: "postgres://localhost/x", SIGNING_KEY_ENCRYPTION_KEY: KEK, ...overrides });

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

  it("requires the key-encryption key of the signing keys, and takes previous ones for a rotation", () => {
    const previous = [generateKeyEncryptionKey(), generateKeyEncryptionKey()];
    const config = parseAuthConfig(env({ SIGNING_KEY_ENCRYPTION_KEY_PREVIOUS: previous.join(", ") }));
    expect(config.SIGNING_KEY_ENCRYPTION_KEY).toEqual(parseKeyEncryptionKey(KEK));
    expect(config.SIGNING_KEY_ENCRYPTION_KEY_PREVIOUS).toEqual(previous.map(parseKeyEncryptionKey));
    expect(parseAuthConfig(env()).SIGNING_KEY_ENCRYPTION_KEY_PREVIOUS).toEqual([]);
    expect(() => parseAuthConfig(env({ SIGNING_KEY_ENCRYPTION_KEY: undefined }))).toThrow(/SIGNING_KEY_ENCRYPTION_KEY/);
  });

  it("refuses a key-encryption key that is not 32 bytes, without printing it", () => {
    for (const variable of ["SIGNING_KEY_ENCRYPTION_KEY", "SIGNING_KEY_ENCRYPTION_KEY_PREVIOUS"]) {
      const secret = "not-quite-a-32-byte-secret";
      let message = "";
      try {
        parseAuthConfig(env({ [variable]: secret }));
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(new RegExp(`${variable}.*32 bytes`));
      expect(message).not.toContain(secret);
    }
    expect(() => parseAuthConfig(env({ SIGNING_KEY_ENCRYPTION_KEY: `${KEK},${generateKeyEncryptionKey()}` }))).toThrow(/exactly one/);
  });
});
