import { Writable } from "node:stream";
import { createLogger, type LoggerOptions } from "./create-logger";
import { runWithContext, setRequestContext } from "./request-context";

/** A logger whose output lines are collected instead of printed. */
function capture(options: LoggerOptions) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ ...options, destination });
  return { logger, lines, json: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("createLogger", () => {
  it("writes one JSON object per line with level, message, service and timestamp", () => {
    const { logger, json } = capture({ service: "tenant", format: "json" });
    logger.info("organization created", { organizationName: "Acme" });
    const [line] = json();
    expect(line).toMatchObject({ level: "info", message: "organization created", service: "tenant", organizationName: "Acme" });
    expect(typeof line?.timestamp).toBe("string");
  });

  it("adds requestId, organizationId and userId from the request context to every line", async () => {
    const { logger, json } = capture({ service: "tenant", format: "json" });
    await runWithContext({ requestId: "req-1" }, async () => {
      logger.info("before login");
      await new Promise((resolve) => setImmediate(resolve));
      setRequestContext({ organizationId: "org-1", userId: "user-1" });
      logger.warn("after login");
    });
    logger.info("outside any request");
    const [before, after, outside] = json();
    expect(before).toMatchObject({ requestId: "req-1" });
    expect(before).not.toHaveProperty("userId");
    expect(after).toMatchObject({ requestId: "req-1", organizationId: "org-1", userId: "user-1" });
    expect(outside).not.toHaveProperty("requestId");
  });

  it("redacts passwords, tokens, secrets, cookies, api keys and authorization headers at any depth", () => {
    const { logger, lines, json } = capture({ service: "auth", format: "json" });
    logger.info("login", {
      password: "hunter2",
      user: { email: "a@example.com", credentials: { newPassword: "hunter3" } },
      headers: { Authorization: "Bearer abc.def.ghi", cookie: "sid=1", "x-api-key": "k-123" },
      refreshToken: "opaque-refresh",
      items: [{ clientSecret: "s3cr3t", keep: "visible" }],
      internalApiKey: "0123456789abcdef",
    });
    const [line] = json();
    expect(line).toMatchObject({
      password: "[REDACTED]",
      user: { email: "a@example.com", credentials: { newPassword: "[REDACTED]" } },
      headers: { Authorization: "[REDACTED]", cookie: "[REDACTED]", "x-api-key": "[REDACTED]" },
      refreshToken: "[REDACTED]",
      items: [{ clientSecret: "[REDACTED]", keep: "visible" }],
      internalApiKey: "[REDACTED]",
    });
    for (const secret of ["hunter2", "hunter3", "abc.def.ghi", "sid=1", "k-123", "opaque-refresh", "s3cr3t", "0123456789abcdef"]) {
      expect(lines[0]).not.toContain(secret);
    }
  });

  it("masks the credentials of URLs in the message, in any field and in logged errors, in both formats", () => {
    for (const format of ["json", "pretty"] as const) {
      const { logger, lines } = capture({ service: "tenant", format });
      const url = "postgres://app:Sup3r-Secret@db:5432/erp";
      logger.info(`connecting to ${url}`, { databaseUrl: url, nested: { note: `retrying ${url}` }, urls: [url] });
      logger.error("connect failed", { err: new Error(`could not reach ${url}`) });
      logger.error(new Error(`thrown with ${url}`));
      const output = lines.join("\n");
      expect(output).not.toContain("Sup3r-Secret");
      expect(output).toContain("postgres://app:***@db:5432/erp");
    }
  });

  it("logs an error with its message and stack, and survives circular references", () => {
    const { logger, json } = capture({ service: "finance", format: "json" });
    const err = Object.assign(new Error("db exploded"), { code: "E_DB" });
    const loop: Record<string, unknown> = { name: "loop" };
    loop.self = loop;
    logger.error("request failed", { err, loop });
    const [line] = json();
    expect(line?.err).toMatchObject({ name: "Error", message: "db exploded", code: "E_DB" });
    expect(String((line?.err as { stack: string }).stack)).toContain("db exploded");
    expect(line?.loop).toEqual({ name: "loop", self: "[Circular]" });
  });

  it("writes readable single lines in pretty format, still redacted", () => {
    const { logger, lines } = capture({ service: "crm", format: "pretty" });
    runWithContext({ requestId: "req-9" }, () => logger.info("lead converted", { leadId: "l-1", token: "t-1" }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} info \[crm\] lead converted /);
    expect(lines[0]).toContain("requestId=req-9");
    expect(lines[0]).toContain("leadId=l-1");
    expect(lines[0]).toContain("token=[REDACTED]");
    expect(lines[0]).not.toContain("t-1");
  });

  it("prints a logged error's stack below the pretty line", () => {
    const { logger, lines } = capture({ service: "crm", format: "pretty" });
    logger.error("import failed", { err: new Error("bad row") });
    expect(lines[0]).toContain('err={"name":"Error","message":"bad row"}');
    expect(lines[1]).toBe("Error: bad row");
    expect(lines[2]).toMatch(/^\s+at /);
  });

  it("drops entries below the configured level", () => {
    const { logger, lines } = capture({ service: "crm", format: "json", level: "warn" });
    logger.info("noise");
    logger.warn("signal");
    expect(lines).toHaveLength(1);
  });
});
