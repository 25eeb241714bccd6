/** Booting a service from its descriptor, against a real database: the order of the steps, and back. */
import { createServer } from "node:net";
import { join } from "node:path";
import pg from "pg";
import request from "supertest";
import { ConfigError } from "@erp/config";
import { createServiceApp } from "@erp/http-kit";
import { createTestDatabase, dropTestDatabases, testConfigEnv } from "@erp/testkit";
import { defineService, serviceConfigSchema, startService, type BackgroundTask, type ServiceContext } from "../src";
import { z } from "zod";

/** The fixture has no Prisma models: the relay and housekeeping use the pool, nothing uses Prisma. */
class NoModelsClient {
  constructor(_options: unknown) {}
  async $disconnect(): Promise<void> {}
}

const configSchema = serviceConfigSchema({ KIT_PORT: z.coerce.number().int().default(0), KIT_GREETING: z.string().default("hello") });
type KitConfig = z.output<typeof configSchema>;
type KitContext = ServiceContext<KitConfig, NoModelsClient, { preparedAt: number }>;

/** A descriptor whose hooks record what ran; `failAt` makes one step throw. */
function kitService(steps: string[], options: { failAt?: "prepare" | "createApp" } = {}) {
  const seen: { context?: KitContext } = {};
  const descriptor = defineService(NoModelsClient, {
    name: "kit",
    schema: "kit",
    basePath: "/api/v1/kit",
    config: configSchema,
    port: (config) => config.KIT_PORT,
    migrationsDir: join(__dirname, "fixtures", "migrations"),
    async prepare({ db }) {
      steps.push("prepare");
      await db.ping();
      if (options.failAt === "prepare") throw new Error("signing keys unreadable");
      return { preparedAt: Date.now() };
    },
    createApp(context) {
      steps.push("createApp");
      seen.context = context;
      if (options.failAt === "createApp") throw new Error("redis unreachable");
      const service = createServiceApp({ service: context.name, title: "Kit", version: "1", basePath: context.basePath, logger: context.logger, readiness: { database: () => context.db.ping(), ...context.readiness } });
      service.route({
        method: "get",
        path: "/greeting",
        summary: "Greets",
        access: { public: true },
        responses: { 200: { description: "A greeting" } },
        handler: () => ({ greeting: context.config.KIT_GREETING }),
      });
      service.finalize();
      return {
        ...service,
        async close() {
          steps.push("app closed");
        },
      };
    },
    background: (): BackgroundTask[] => {
      steps.push("background started");
      return [{ stop: async () => void steps.push("background stopped") }];
    },
  });
  return { descriptor, seen };
}

let databaseUrl: string;
let admin: pg.Pool;
const env = (overrides: Record<string, string> = {}) => testConfigEnv({ DATABASE_URL: databaseUrl, ...overrides });

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
});

afterAll(async () => {
  await admin.end();
  await dropTestDatabases();
});

const kitSchemaExists = async () => (await admin.query("SELECT 1 FROM pg_namespace WHERE nspname = 'kit'")).rowCount === 1;

describe("startService", () => {
  it("refuses a bad environment before anything runs, naming each variable (the events' included)", async () => {
    const steps: string[] = [];
    const { descriptor } = kitService(steps);
    const started = startService(descriptor, env({ DB_POOL_MAX: "0", EVENTS_LOG_RETENTION_HOURS: "48", EVENTS_PROCESSED_RETENTION_HOURS: "24" }));
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(/DB_POOL_MAX: .*EVENTS_PROCESSED_RETENTION_HOURS: must be longer than EVENTS_LOG_RETENTION_HOURS/);
    expect(steps).toEqual([]);
    expect(await kitSchemaExists()).toBe(false);
  });

  it("migrates, prepares, starts events, builds the app under its basePath and listens; close releases in reverse", async () => {
    const steps: string[] = [];
    const { descriptor, seen } = kitService(steps);
    const server = await startService(descriptor, env({ KIT_GREETING: "hi" }), { port: 0 });
    let closed = false;
    try {
      expect(steps).toEqual(["prepare", "createApp", "background started"]);
      expect(await kitSchemaExists()).toBe(true);
      expect(seen.context?.prepared.preparedAt).toEqual(expect.any(Number));
      expect((await request(server.url).get("/api/v1/kit/greeting")).body).toEqual({ data: { greeting: "hi" } });
      const ready = await request(server.url).get("/ready");
      expect(ready.body).toMatchObject({ checks: { database: "ok", events: "ok" } });
      await server.close();
      closed = true;
      expect(steps.slice(3)).toEqual(["background stopped", "app closed"]);
      await expect(seen.context!.db.ping()).rejects.toThrow(/pool/i);
      await expect(seen.context!.readiness.events!()).rejects.toThrow();
    } finally {
      if (!closed) await server.close();
    }
  });

  it.each(["prepare", "createApp"] as const)("when %s fails, the start rejects with its error and closes the database again", async (failAt) => {
    const steps: string[] = [];
    const { descriptor, seen } = kitService(steps, { failAt });
    let db: KitContext["db"] | undefined;
    const spied = { ...descriptor, prepare: async (context: Parameters<NonNullable<typeof descriptor.prepare>>[0]) => ((db = context.db), descriptor.prepare!(context)) };
    await expect(startService(spied, env())).rejects.toThrow(failAt === "prepare" ? "signing keys unreadable" : "redis unreachable");
    expect(steps).not.toContain("background started");
    await expect(db!.ping()).rejects.toThrow(/pool/i);
    if (failAt === "createApp") await expect(seen.context!.readiness.events!()).rejects.toThrow();
  });

  it("when its port is taken, the start rejects with EADDRINUSE and releases what it opened", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const { port } = holder.address() as { port: number };
    const steps: string[] = [];
    const { descriptor, seen } = kitService(steps);
    try {
      await expect(startService(descriptor, env(), { port })).rejects.toMatchObject({ code: "EADDRINUSE" });
      expect(steps).toEqual(["prepare", "createApp", "background started", "background stopped", "app closed"]);
      await expect(seen.context!.db.ping()).rejects.toThrow(/pool/i);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});
