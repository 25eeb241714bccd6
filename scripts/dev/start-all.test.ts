/**
 * The launcher starts the system even when the services are up but not ready (Kafka unreachable
 * keeps every /ready at 503, the gateway's too), and says why instead of stopping everything after
 * a minute. Real processes, spawned the launcher's way, answering as services do.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { isPortFree, readinessLines, ROOT, ServiceProcesses, type Service } from "./system";

const EVENTS_DOWN = "kafka brokers 127.0.0.1:1 unreachable: Connection error: connect ECONNREFUSED 127.0.0.1:1";
const workDir = join(ROOT, ".data", `launcher-test-${randomBytes(4).toString("hex")}`);

/** A process answering /health 200 and /ready with `ready` (a service's or the gateway's body). */
function fakeService(name: string, port: number, ready: { status: number; body: object }): Service {
  const dir = join(workDir, name);
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(
    join(dir, "src", "main.ts"),
    `import { createServer } from "node:http";
const ready = ${JSON.stringify(ready)};
createServer((req, res) => {
  const [status, body] = req.url === "/health" ? [200, { status: "ok" }] : req.url === "/ready" ? [ready.status, ready.body] : [404, {}];
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}).listen(${port}, "127.0.0.1");
process.on("SIGTERM", () => process.exit(0));
`,
  );
  return { name, dir, envPrefix: name.toUpperCase().replace(/-/g, "_"), port };
}

async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let port = 39_000 + Math.floor(Math.random() * 20_000); ports.length < count; port += 1) {
    if (await isPortFree(port)) ports.push(port);
  }
  return ports;
}

let processes: ServiceProcesses | undefined;

afterEach(async () => {
  await processes?.stopAll(() => {});
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

it("starts anyway when the services answer /health but /ready is 503 (events down), and returns why", async () => {
  const [authPort, userPort, gatewayPort] = await freePorts(3);
  const eventsDown = { status: 503, body: { status: "not_ready", checks: { database: "ok", events: "failed" }, reasons: { events: EVENTS_DOWN } } };
  const services = [
    fakeService("auth", authPort!, eventsDown),
    fakeService("user", userPort!, eventsDown),
    fakeService("gateway", gatewayPort!, { status: 503, body: { status: "not_ready", down: ["auth", "user"], upstreams: [] } }),
  ];
  const exits: string[] = [];
  processes = new ServiceProcesses({ stdio: () => "ignore", onExit: (service) => exits.push(service.name) });

  const started = Date.now();
  const notReady = await processes.startAll(services, { ...process.env }, { readyGraceMs: 1_000 });
  // It did not wait for /ready until the startup timeout (a minute) and stop.
  expect(Date.now() - started).toBeLessThan(20_000);
  expect(exits).toEqual([]);
  expect([...processes.running.keys()].sort()).toEqual(["auth", "gateway", "user"]);
  expect(notReady).toEqual([
    { service: "auth", reasons: { events: EVENTS_DOWN } },
    { service: "user", reasons: { events: EVENTS_DOWN } },
    { service: "gateway", reasons: { upstreams: "auth, user" } },
  ]);
  expect(readinessLines(notReady)).toEqual([
    `events unavailable (auth, user): ${EVENTS_DOWN}; the services run and keep their events in their outboxes until the transport answers`,
    "upstreams not ready (gateway): auth, user",
  ]);
}, 30_000);

it("returns nothing to report when every service is ready", async () => {
  const [tenantPort, gatewayPort] = await freePorts(2);
  const ready = { status: 200, body: { status: "ready" } };
  processes = new ServiceProcesses({ stdio: () => "ignore", onExit: () => {} });
  const notReady = await processes.startAll([fakeService("tenant", tenantPort!, ready), fakeService("gateway", gatewayPort!, ready)], { ...process.env }, { readyGraceMs: 1_000 });
  expect(notReady).toEqual([]);
  expect(readinessLines(notReady)).toEqual([]);
}, 30_000);
