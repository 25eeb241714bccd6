/**
 * Idempotency-Keys as every service gets them from startService: `context.idempotency` backs its
 * idempotent routes, expired keys are pruned on the housekeeping interval, and a service whose
 * routes take keys but whose schema has no table does not start.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import request from "supertest";
import { createServiceApp, created } from "@erp/http-kit";
import { createTestDatabase, dropTestDatabases, testConfigEnv, waitFor } from "@erp/testkit";
import { z } from "zod";
import { defineService, serviceConfigSchema, startService } from "../src";

class NoModelsClient {
  constructor(_options: unknown) {}
  async $disconnect(): Promise<void> {}
}

const configSchema = serviceConfigSchema({ KEYS_PORT: z.coerce.number().int().default(0) });
const tempDirs: string[] = [];

function migrations(sql: string): string {
  const dir = mkdtempSync(join(tmpdir(), "erp-service-kit-keys-"));
  tempDirs.push(dir);
  mkdirSync(join(dir, "20260101000000_init"));
  writeFileSync(join(dir, "20260101000000_init", "migration.sql"), sql);
  return dir;
}

/** A service with one idempotent public route that counts its runs (no transaction: it stores its answer afterwards). */
function keysService(schema: string, withTable: boolean, runs: { count: number }) {
  return defineService(NoModelsClient, {
    name: "keys",
    schema,
    basePath: "/api/v1/keys",
    config: configSchema,
    port: (config) => config.KEYS_PORT,
    migrationsDir: migrations(`SELECT public.app_create_outbox('${schema}');${withTable ? ` SELECT public.app_create_idempotency_keys('${schema}');` : ""}`),
    createApp(context) {
      const service = createServiceApp({
        service: context.name,
        title: "Keys",
        version: "1",
        basePath: context.basePath,
        logger: context.logger,
        idempotency: context.idempotency,
      });
      service.route({
        method: "post",
        path: "/things",
        summary: "Makes a thing",
        access: { public: true },
        idempotent: true,
        responses: { 201: { description: "The thing" } },
        handler: (ctx) => created(ctx, { run: (runs.count += 1) }, ctx.location("/things/1")),
      });
      service.finalize();
      return service;
    },
  });
}

let databaseUrl: string;
let admin: pg.Pool;

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
});

afterAll(async () => {
  await admin.end();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  await dropTestDatabases();
});

it("a service whose routes take Idempotency-Key but whose schema has no table does not start, and says which migration line is missing", async () => {
  const started = startService(keysService("keys_bare", false, { count: 0 }), testConfigEnv({ DATABASE_URL: databaseUrl }), { port: 0 });
  await expect(started).rejects.toThrow(
    "POST /api/v1/keys/things take Idempotency-Key but schema keys_bare has no idempotency_keys table: add a migration with SELECT public.app_create_idempotency_keys('keys_bare');",
  );
});

it("replays through context.idempotency, and prunes expired keys on the housekeeping interval", async () => {
  const runs = { count: 0 };
  const server = await startService(keysService("keys_probe", true, runs), testConfigEnv({ DATABASE_URL: databaseUrl }), {
    port: 0,
    eventsTuning: { pruneIntervalMs: 50 },
  });
  try {
    const send = () => request(server.url).post("/api/v1/keys/things").set("Idempotency-Key", "service-kit-key-1").send({});
    expect((await send()).status).toBe(201);
    const replay = await waitFor(async () => {
      const res = await send();
      return res.status === 409 ? undefined : res; // stored just after the answer went out
    });
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.body).toEqual({ data: { run: 1 } });
    expect(runs.count).toBe(1);

    const rows = async () => Number((await admin.query("SELECT count(*) FROM keys_probe.idempotency_keys")).rows[0].count);
    expect(await rows()).toBe(1);
    await admin.query("UPDATE keys_probe.idempotency_keys SET expires_at = now() - interval '1 second'");
    await waitFor(async () => (await rows()) === 0, { timeoutMs: 5000, what: "the expired key to be pruned" });
    expect((await send()).headers["idempotent-replayed"]).toBeUndefined();
    expect(runs.count).toBe(2);
  } finally {
    await server.close();
  }
});
