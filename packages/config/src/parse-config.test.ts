import { z } from "zod";
import { baseConfigSchema } from "./base-config";
import { ConfigError } from "./config-error";
import { loadConfig, parseConfig } from "./parse-config";
import { booleanString, commaList, port } from "./schema-helpers";

const validEnv = { INTERNAL_API_KEY: "0123456789abcdef" };

describe("parseConfig", () => {
  it("applies the shared defaults when only the required variables are set", () => {
    expect(parseConfig(baseConfigSchema, validEnv)).toEqual({
      NODE_ENV: "development",
      LOG_LEVEL: "info",
      LOG_FORMAT: "pretty",
      HOST: "127.0.0.1",
      CORS_ORIGINS: [],
      BODY_LIMIT: "1mb",
      INTERNAL_API_KEY: "0123456789abcdef",
    });
  });

  it("logs as JSON by default outside development, and honours an explicit LOG_FORMAT", () => {
    expect(parseConfig(baseConfigSchema, { ...validEnv, NODE_ENV: "production" }).LOG_FORMAT).toBe("json");
    expect(parseConfig(baseConfigSchema, { ...validEnv, NODE_ENV: "test" }).LOG_FORMAT).toBe("json");
    expect(parseConfig(baseConfigSchema, { ...validEnv, NODE_ENV: "production", LOG_FORMAT: "pretty" }).LOG_FORMAT).toBe(
      "pretty",
    );
  });

  it("turns CORS_ORIGINS into a trimmed list", () => {
    const config = parseConfig(baseConfigSchema, { ...validEnv, CORS_ORIGINS: "https://a.example, https://b.example,," });
    expect(config.CORS_ORIGINS).toEqual(["https://a.example", "https://b.example"]);
  });

  it("lets a service extend the base schema with its own variables", () => {
    const schema = baseConfigSchema.extend({ DATABASE_URL: z.url(), TENANT_PORT: port(3001) });
    const config = parseConfig(schema, { ...validEnv, DATABASE_URL: "postgres://localhost/erp", NODE_ENV: "test" });
    expect(config).toMatchObject({ DATABASE_URL: "postgres://localhost/erp", TENANT_PORT: 3001, LOG_FORMAT: "json" });
  });

  it("names every bad variable on one line", () => {
    const schema = baseConfigSchema.extend({ DATABASE_URL: z.url() });
    let error: unknown;
    try {
      parseConfig(schema, { INTERNAL_API_KEY: "short", DATABASE_URL: "not a url", NODE_ENV: "staging" });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).not.toContain("\n");
    expect(message).toMatch(/^Invalid configuration: /);
    expect(message).toContain("NODE_ENV: ");
    expect(message).toContain("INTERNAL_API_KEY: ");
    expect(message).toContain("DATABASE_URL: Invalid URL");
    expect((error as ConfigError).issues.map((i) => i.variable).sort()).toEqual([
      "DATABASE_URL",
      "INTERNAL_API_KEY",
      "NODE_ENV",
    ]);
  });

  it("says Required for a variable that is not set at all", () => {
    expect(() => parseConfig(baseConfigSchema, {})).toThrow("Invalid configuration: INTERNAL_API_KEY: Required");
  });
});

describe("loadConfig", () => {
  it("writes the one-line message to stderr and exits with code 1 on a bad environment", () => {
    const write = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    const exit = jest.spyOn(process, "exit").mockImplementation(((code?: number) => {
      throw new Error(`exit ${code}`);
    }) as typeof process.exit);
    try {
      expect(() => loadConfig(baseConfigSchema, {})).toThrow("exit 1");
      expect(write).toHaveBeenCalledWith("Invalid configuration: INTERNAL_API_KEY: Required\n");
    } finally {
      write.mockRestore();
      exit.mockRestore();
    }
  });

  it("returns the parsed config when the environment is valid", () => {
    expect(loadConfig(baseConfigSchema, validEnv).INTERNAL_API_KEY).toBe("0123456789abcdef");
  });
});

describe("schema helpers", () => {
  it("booleanString accepts true/false/1/0 and refuses anything else", () => {
    expect(booleanString.parse("TRUE")).toBe(true);
    expect(booleanString.parse("0")).toBe(false);
    expect(booleanString.safeParse("yes").success).toBe(false);
    expect(booleanString.default(false).parse(undefined)).toBe(false);
  });

  it("port coerces the string, applies its default and refuses out-of-range values", () => {
    expect(port(3001).parse(undefined)).toBe(3001);
    expect(port(3001).parse("8080")).toBe(8080);
    expect(port().safeParse("70000").success).toBe(false);
    expect(port().safeParse("http").success).toBe(false);
  });

  it("commaList yields an empty list for an empty string", () => {
    expect(commaList.parse("")).toEqual([]);
  });
});
