import pg from "pg";
import { settingsUpdated } from "@erp/event-catalog";
import { createPostgresTransport, type EventEnvelope } from "@erp/events";
import { uuidv7 } from "@erp/db";
import { createTestDatabase } from "@erp/testkit";
import { startServer } from "../server";

const INTERNAL_API_KEY = "test-internal-key-0123456789";

function settingsEvent(organizationId: string, settings: Record<string, unknown>): EventEnvelope {
  return {
    id: uuidv7(),
    type: settingsUpdated.type,
    version: settingsUpdated.version,
    organizationId,
    aggregateId: organizationId,
    occurredAt: new Date().toISOString(),
    actor: { type: "user", id: uuidv7() },
    correlationId: uuidv7(),
    data: { settings, changedFields: Object.keys(settings) },
  };
}

test("a tenant.settings.updated event on the log updates this service's copy of allowNegativeStock", async () => {
  const databaseUrl = await createTestDatabase();
  const server = await startServer(
    { NODE_ENV: "test", LOG_LEVEL: "error", DATABASE_URL: databaseUrl, INTERNAL_API_KEY, EVENTS_POLL_INTERVAL_MS: "100" },
    { port: 0 },
  );
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const producer = createPostgresTransport({ pool });
  const organizationId = uuidv7();
  const processed = async () => {
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM events.processed_events WHERE group_id = 'master-data'`,
    );
    return rows[0].n as number;
  };
  try {
    const event = settingsEvent(organizationId, { allowNegativeStock: true, locale: "de-DE" });
    await producer.publish([event, settingsEvent(organizationId, { locale: "fr-FR" })]);

    const deadline = Date.now() + 10_000;
    while ((await processed()) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await processed()).toBe(2);

    // The copy is organization-scoped: read it as that organization, the way the service does.
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SET LOCAL ROLE erp_app");
      await client.query("SELECT set_config('app.organization_id', $1, true)", [organizationId]);
      const { rows } = await client.query("SELECT allow_negative_stock FROM master_data.organization_settings");
      await client.query("COMMIT");
      expect(rows).toEqual([{ allow_negative_stock: true }]);
    } finally {
      client.release();
    }
  } finally {
    await producer.close();
    await pool.end();
    await server.close();
  }
});
