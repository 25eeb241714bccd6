import pg from "pg";
import request from "supertest";
import { uuidv7 } from "@erp/db";
import { createPostgresTransport, type EventEnvelope } from "@erp/events";
import { createTestDatabase, waitFor } from "@erp/testkit";
import { INTERNAL_API_KEY } from "../test/harness";
import { startServer } from "./server";

it("startServer migrates, listens on the given port and closes cleanly", async () => {
  const server = await startServer(
    { NODE_ENV: "test", LOG_LEVEL: "error", DATABASE_URL: await createTestDatabase(), INTERNAL_API_KEY },
    { port: 0 },
  );
  try {
    expect(server.port).toBeGreaterThan(0);
    expect((await request(server.url).get("/health")).status).toBe(200);
    expect((await request(server.url).get("/ready")).status).toBe(200);
    const openapi = await request(server.url).get("/api/v1/tenant/openapi.json");
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining(["/api/v1/tenant/organizations/current", "/api/v1/tenant/modules/{module}"]),
    );
  } finally {
    await server.close();
  }
});

it("the sweeper started by the server deletes registrations that were never activated", async () => {
  const server = await startServer(
    {
      NODE_ENV: "test",
      LOG_LEVEL: "error",
      DATABASE_URL: await createTestDatabase(),
      INTERNAL_API_KEY,
      PENDING_SWEEP_INTERVAL_MS: "1000",
      PENDING_ORGANIZATION_TTL_MS: "1000",
    },
    { port: 0 },
  );
  const internal = (method: "get" | "post", path: string) =>
    request(server.url)[method](`/internal${path}`).set("Authorization", `Bearer ${INTERNAL_API_KEY}`);
  try {
    const id = uuidv7();
    expect((await internal("post", "/organizations").send({ id, name: "Abandoned Signup" })).status).toBe(201);
    await waitFor(async () => (await internal("get", `/organizations/${id}/access`)).status === 404, {
      timeoutMs: 10_000,
      intervalMs: 200,
      what: "the never-activated organization to be swept (404)",
    });
  } finally {
    await server.close();
  }
});

it("startServer refuses a bad environment, naming the variable", async () => {
  await expect(startServer({ INTERNAL_API_KEY }, { port: 0 })).rejects.toThrow(/DATABASE_URL/);
});

it("the server's relay publishes each committed change to the event log, where a consumer group receives it", async () => {
  const databaseUrl = await createTestDatabase();
  const server = await startServer({ NODE_ENV: "test", LOG_LEVEL: "error", DATABASE_URL: databaseUrl, INTERNAL_API_KEY }, { port: 0 });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  const transport = createPostgresTransport({ pool, pollIntervalMs: 100 });
  const received: EventEnvelope[] = [];
  try {
    await transport.consume({
      group: "tenant-relay-test",
      topics: ["erp.tenant"],
      onEvent: async (value) => {
        received.push(value as EventEnvelope);
      },
    });
    const internal = (path: string) => request(server.url).post(`/internal${path}`).set("Authorization", `Bearer ${INTERNAL_API_KEY}`);
    const id = uuidv7();
    expect((await internal("/organizations").send({ id, name: "Published Ltd" })).status).toBe(201);
    expect((await internal(`/organizations/${id}/activate`)).status).toBe(200);
    expect((await internal(`/organizations/${id}/suspend`)).status).toBe(200);

    const types = () => received.filter((e) => e.organizationId === id).map((e) => e.type);
    await waitFor(() => types().length >= 2, { timeoutMs: 10_000, what: "two events of the organization" });
    expect(types()).toEqual(["tenant.organization.created", "tenant.organization.suspended"]);
  } finally {
    await transport.close();
    await pool.end();
    await server.close();
  }
});
