// The launcher behind `npm start`: one command runs the whole system on a laptop.
//   1. reads `.env` when there is one (variables already in the environment win);
//   2. without DATABASE_URL, starts an embedded PostgreSQL with its data under .data/pg;
//   3. applies every service's migrations;
//   4. starts each service in its own process (gateway last, once the others answer /health),
//      prefixing their output with the service's name; once all answer /health it waits a little
//      for /ready and starts anyway, the banner saying what is not ready and why (Kafka down);
//   5. on Ctrl-C / SIGTERM stops the services, then PostgreSQL, and exits 0. A service that dies
//      takes everything down with a non-zero exit, so a broken start never looks like a running one.
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { maskUrl } from "../../packages/logging/src";
import { migrateAll } from "../migrate";
import {
  assertPortsFree,
  discoverServices,
  eventTransportDescription,
  externalDatabase,
  portFromEnv,
  readinessLines,
  ROOT,
  ServiceProcesses,
  sharedEnv,
  startEmbeddedPostgres,
  type Database,
  type NotReady,
  type Service,
} from "./system";

const PG_DATA_DIR = join(ROOT, ".data", "pg");

/** What shutdown has to stop: the service processes, and the embedded PostgreSQL. */
let stopDatabase: (() => Promise<void>) | undefined;
let stopping: Promise<never> | undefined;

// ── output ────────────────────────────────────────────────────────────────────────────────────

const COLORS = [36, 33, 35, 32, 34, 91, 96, 93, 95];
let labelWidth = "launcher".length;

function label(name: string, index: number): string {
  const text = `[${name}]`.padEnd(labelWidth + 2);
  return process.stdout.isTTY ? `\x1b[${COLORS[index % COLORS.length]}m${text}\x1b[0m ` : `${text} `;
}

/** Everything the launcher prints, its own lines and its children's, goes out with URLs masked. */
function say(message: string): void {
  console.log(`${label("launcher", COLORS.length - 1)}${maskUrl(message)}`);
}

function pipeWithPrefix(child: ChildProcess, prefix: string): void {
  const forward = (stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream) => {
    if (!stream) return;
    createInterface({ input: stream }).on("line", (line) => out.write(`${prefix}${maskUrl(line)}\n`));
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

function printUrls(services: Service[], db: Database, notReady: NotReady[]): void {
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
  lines.push(`  database   ${db.description}`, `  events     ${eventTransportDescription(process.env)}`);
  for (const line of readinessLines(notReady)) lines.push(`  NOT READY  ${line}`);
  lines.push("Press Ctrl-C to stop.", "");
  lines.forEach((line) => (line ? say(line) : console.log()));
}

// ── stopping ──────────────────────────────────────────────────────────────────────────────────

let processes: ServiceProcesses | undefined;

/** Stops the services, then the database, then exits. Later calls wait for the first one. */
function shutdown(reason: string, exitCode: number): Promise<never> {
  stopping ??= (async () => {
    say(reason);
    await processes?.stopAll(say);
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

  const db = external
    ? externalDatabase(external)
    : (await startEmbeddedPostgres({ dataDir: PG_DATA_DIR, port: pgPort, say }, (stop) => (stopDatabase = stop))).database;
  say(`database: ${db.description}`);
  say(`events: ${eventTransportDescription(process.env)}`);
  for (const line of await migrateAll(db.url)) say(`migrations: ${line}`);

  processes = new ServiceProcesses({
    output: (service, child) => pipeWithPrefix(child, label(service.name, services.indexOf(service))),
    onExit: (service, code, signal) => {
      if (!stopping) void shutdown(`${service.name} exited (${signal ?? `code ${code}`}); stopping everything.`, 1);
    },
  });
  const notReady = await processes.startAll(services, sharedEnv(services, db.url));
  printUrls(services, db, notReady);
}

main().catch((error: unknown) => {
  void shutdown(error instanceof Error ? error.message : String(error), 1);
});
