/** The tenant service with its event transport down: it stays up, says why it is not ready, and keeps its outbox. */
import { createServer } from "node:net";
import pg from "pg";
import request from "supertest";
import { uuidv7 } from "@erp/db";
import { createTestDatabase } from "@erp/testkit";
import { INTERNAL_API_KEY } from "../test/harness";
import { startServer } from "./server";

/** A port nothing listens on: Kafka "unreachable". */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

it("with Kafka unreachable the service starts, /ready answers 503 naming the reason, and writes still land in the outbox", async () => {
  const databaseUrl = await createTestDatabase();
  const port = await deadPort();
  const server = await startServer(
    { NODE_ENV: "test", LOG_LEVEL: "error", DATABASE_URL: databaseUrl, INTERNAL_API_KEY, KAFKA_BROKERS: `127.0.0.1:${port}` },
    { port: 0 },
  );
  const owner = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    expect((await request(server.url).get("/health")).status).toBe(200);
    const ready = await request(server.url).get("/ready");
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: "not_ready", checks: { database: "ok", events: "failed" } });
    expect(ready.body.reasons.events).toMatch(new RegExp(`kafka brokers 127\\.0\\.0\\.1:${port} unreachable`));

    const internal = (path: string) => request(server.url).post(`/internal${path}`).set("Authorization", `Bearer ${INTERNAL_API_KEY}`);
    const id = uuidv7();
    expect((await internal("/organizations").send({ id, name: "Offline Ltd" })).status).toBe(201);
    expect((await internal(`/organizations/${id}/activate`)).status).toBe(200);
    const outbox = await owner.query("SELECT event_type, published_at FROM tenant.outbox WHERE organization_id = $1", [id]);
    expect(outbox.rows).toEqual([{ event_type: "tenant.organization.created", published_at: null }]);
  } finally {
    await owner.end();
    await server.close();
  }
});
