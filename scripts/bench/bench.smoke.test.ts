/**
 * `pnpm bench --quick` end to end: the system starts on its own ports and data directory, every
 * scenario runs, and the table comes out. No figure is checked: timings belong to the report.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

function runQuickBench(outFile: string, dataDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "run.ts"), "--quick", "--out", outFile], {
      cwd: ROOT,
      // Ports and data of its own, so it runs beside `npm start`, a full `pnpm bench` and other test runs.
      // The ports stay below 32768, where Linux hands out ephemeral ports to other sockets.
      env: { ...process.env, BENCH_PORT_OFFSET: String(10_000 + (process.pid % 10_000)), BENCH_DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("pnpm bench --quick", () => {
  const work = mkdtempSync(join(tmpdir(), "erp-bench-"));
  // Under the workspace, like the test PostgreSQL: as root, PostgreSQL runs as a user that cannot enter a private temp dir.
  const dataDir = join(ROOT, ".data", `bench-smoke-pg-${process.pid}`);
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}-logs`, { recursive: true, force: true });
  });

  it("runs every scenario and writes the table with the machine's details", async () => {
    const outFile = join(work, "benchmarks.md");
    const { code, output } = await runQuickBench(outFile, dataDir);
    if (code !== 0) throw new Error(`the bench exited with ${code}:\n${output.slice(-3000)}`);

    const report = readFileSync(outFile, "utf8");
    expect(report).toContain(`Node ${process.version}`);
    expect(report).toMatch(/\d+ cores/);
    for (const row of ["1. floor", "2. tenant alone", "3. the same through the gateway", "4. PATCH", "5. login", "login storm", "8. crm: GET contacts", "8a. crm: POST contacts"]) {
      expect(report).toContain(row);
    }
    for (const ratio of ["service / floor throughput", "gateway / service throughput", "gateway added p99", "tenant scoping added p50"]) {
      expect(report).toContain(ratio);
    }
    expect(report).toMatch(/\| gateway \| \d+ \| \d+ \|/);
    // Printed as well as written.
    expect(output).toContain("| scenario | req/s |");
  }, 180_000);
});
