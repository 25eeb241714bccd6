/**
 * The local Kafka trial, as the README describes it: `npm run kafka:test-broker` (the script
 * behind it), services started with the KAFKA_BROKERS value it prints, a registration, and kcat
 * (librdkafka, a client independent of ours) reading the registration's events from the topics.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import request from "supertest";
import { createTestDatabase, testConfigEnv, waitFor } from "@erp/testkit";
import { startServer as startAuth } from "../services/auth/src/server";
import { authEnv } from "../services/auth/test/harness";
import { startServer as startTenant } from "../services/tenant/src/server";
import { startServer as startUsers } from "../services/user/src/server";

const KCAT = process.env.KCAT ?? "kcat";
const kcatInstalled = spawnSync(KCAT, ["-V"], { stdio: "ignore" }).status === 0;
if (!kcatInstalled) {
  process.stderr.write("scripts/kafka-trial.test.ts: SKIPPED, kcat is not on PATH (apt-get install -y kcat)\n");
}
const describeWithKcat = kcatInstalled ? describe : describe.skip;

const ROOT = join(__dirname, "..");
const DEADLINE_MS = 20_000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts the trial broker's script and resolves with the KAFKA_BROKERS value it prints. */
async function startTrialBroker(): Promise<{ child: ChildProcess; brokers: string; output: () => string }> {
  const child = spawn(process.execPath, ["--import", "tsx", join("packages", "kafka-test-broker", "scripts", "trial-broker.ts"), "--port", "0"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + DEADLINE_MS;
  while (Date.now() < deadline && child.exitCode === null) {
    const brokers = /^KAFKA_BROKERS=(\S+)$/m.exec(output)?.[1];
    if (brokers) return { child, brokers, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`the trial broker printed no KAFKA_BROKERS line:\n${output}`);
}

interface KafkaRecord {
  headers: Record<string, string>;
  value: { id: string; type: string; organizationId: string; data: Record<string, unknown> };
}

/** Every record of `topic` from the beginning, read by kcat (exits at the end of the partitions). */
function kcatRead(brokers: string, topic: string): KafkaRecord[] {
  const result = spawnSync(KCAT, ["-b", brokers, "-C", "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%h\t%s\n"], {
    encoding: "utf8",
    timeout: 10_000,
  });
  if (result.status !== 0) return [];
  return result.stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [headers = "", value = "{}"] = line.split("\t");
      return {
        headers: Object.fromEntries(headers.split(",").map((pair) => pair.split("=", 2) as [string, string])),
        value: JSON.parse(value) as KafkaRecord["value"],
      };
    });
}

describeWithKcat("trying the Kafka path with the test broker", () => {
  let broker: Awaited<ReturnType<typeof startTrialBroker>>;
  const servers: Awaited<ReturnType<typeof startTenant>>[] = [];

  beforeAll(async () => {
    broker = await startTrialBroker();
    const databaseUrl = await createTestDatabase();
    const authPort = await freePort();
    const env = (overrides: Record<string, string>) =>
      testConfigEnv({ DATABASE_URL: databaseUrl, KAFKA_BROKERS: broker.brokers, AUTH_URL: `http://127.0.0.1:${authPort}`, ...overrides });
    const tenant = await startTenant(env({}), { port: 0 });
    servers.push(tenant);
    const users = await startUsers(env({}), { port: 0 });
    servers.push(users);
    servers.push(await startAuth(authEnv(databaseUrl, tenant.url, users.url, { KAFKA_BROKERS: broker.brokers }), { port: authPort }));
  }, 60_000);

  afterAll(async () => {
    for (const server of servers.reverse()) await server.close();
    if (broker) {
      const exited = once(broker.child, "exit");
      broker.child.kill("SIGTERM");
      const [code] = (await exited) as [number | null];
      expect(code).toBe(0);
    }
  });

  it("announces itself as for trying, not for production", () => {
    expect(broker.output()).toContain("NOT FOR PRODUCTION");
  });

  it("kcat consumes a registration's events from the domain topics", async () => {
    const email = `kafka-trial-${Date.now()}@example.com`;
    const res = await request(servers[2]!.url)
      .post("/api/v1/auth/register")
      .send({ organizationName: "Kafka Trial Ltd", name: "Kim Trial", email, password: "correct horse battery" });
    expect(res.status).toBe(201);
    const { organization, userId } = res.body.data as { organization: { id: string }; userId: string };
    const organizationId = organization.id;

    const organizationCreated = await waitFor(
      () =>
        kcatRead(broker.brokers, "erp.tenant").find(
          (record) => record.value.type === "tenant.organization.created" && record.value.organizationId === organizationId,
        ),
      { timeoutMs: DEADLINE_MS, intervalMs: 200, what: "tenant.organization.created on erp.tenant" },
    );
    expect(organizationCreated.headers).toMatchObject({ "event-type": "tenant.organization.created", "organization-id": organizationId });
    expect(organizationCreated.value.data).toMatchObject({ name: "Kafka Trial Ltd" });

    const userRegistered = await waitFor(
      () =>
        kcatRead(broker.brokers, "erp.auth").find(
          (record) => record.value.type === "auth.user.registered" && record.value.organizationId === organizationId,
        ),
      { timeoutMs: DEADLINE_MS, intervalMs: 200, what: "auth.user.registered on erp.auth" },
    );
    expect(userRegistered.headers).toMatchObject({ "event-type": "auth.user.registered", "organization-id": organizationId });
    expect(userRegistered.value.data).toMatchObject({ userId, email, name: "Kim Trial" });
  }, 60_000);
});
