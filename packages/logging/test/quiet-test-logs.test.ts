import { spawnSync } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..", "..");
const ENVIRONMENT = join(ROOT, "packages", "testkit", "src", "jest", "quiet-log-environment.ts");

/** Runs the fixture's two tests in a jest of their own, on this environment. */
function runFixture(env: Record<string, string> = {}) {
  const config = {
    rootDir: ROOT,
    testEnvironment: ENVIRONMENT,
    transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript" } } }] },
    testMatch: [join(__dirname, "fixtures", "quiet-log.fixture.ts")],
  };
  const result = spawnSync(process.execPath, [join(ROOT, "node_modules", "jest", "bin", "jest.js"), "--config", JSON.stringify(config), "--ci"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("loggers under the quiet-log test environment (@erp/testkit)", () => {
  it("keeps a passing test's logged errors out of the output and prints a failing test's", () => {
    const { status, output } = runFixture({ TEST_LOGS: "" });
    expect(status).toBe(1);
    expect(output).toContain("1 failed, 1 passed");
    expect(output).not.toContain("expected failure logged by the passing test");
    expect(output).not.toContain("expected upstream down");
    expect(output).toContain('logs written while test "a real failure" failed');
    expect(output).toContain("logged by the failing test");
    expect(output).toContain("the real cause");
  }, 60_000);

  it("prints every line as it is written with TEST_LOGS=1", () => {
    const { output } = runFixture({ TEST_LOGS: "1" });
    expect(output).toContain("expected failure logged by the passing test");
  }, 60_000);
});
