/**
 * Idempotency-Key end to end on a real database and real HTTP: a small app whose idempotent
 * routes insert a widget in a transaction and store their answer in it, as service routes do.
 * The table comes from the bootstrap's app_create_idempotency_keys, and the app's connections
 * are erp_app's, so the grants are what production has.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import pg from "pg";
import request from "supertest";
import { migrate, parseTableAccessComment } from "@erp/db";
import { createServiceApp, created, unprocessable, z, type IdempotencyHandle, type ServiceApp, type ServiceAppOptions } from "@erp/http-kit";
import { createLogger } from "@erp/logging";
import { createTestDatabase, dropTestDatabases, tableAccessProblems, waitFor } from "@erp/testkit";
import { createIdempotencyStore, hasIdempotencyKeys, pruneIdempotencyKeys, type RawTransaction } from "../src";

const SCHEMA = "idempotency_probe";
const ORG_A = "01900000-0000-7000-8000-00000000000a";
const ORG_B = "01900000-0000-7000-8000-00000000000b";
const ORG_C = "01900000-0000-7000-8000-00000000000c";

let url: string;
let owner: pg.Pool;
let appPool: pg.Pool;
let migrationsDir: string;

/** What the handlers did, and a gate a test may hold them at (inside their transaction). */
const handler = { calls: 0, hold: undefined as Promise<void> | undefined, entered: undefined as (() => void) | undefined };

/** A Prisma-like transaction client over a pg client in a transaction (what the store uses of Prisma's). */
const rawTransaction = (client: pg.PoolClient): RawTransaction => ({
  $executeRawUnsafe: async (query, ...values) => (await client.query(query, values)).rowCount ?? 0,
});

async function inTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await appPool.connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
}

const widgetBody = z.object({ name: z.string(), tags: z.array(z.string()).optional(), note: z.object({ a: z.number(), b: z.number() }).optional() });

/** `x-test-org` becomes the principal's organization (token routes). */
const authenticate: NonNullable<ServiceAppOptions["authenticate"]> = (req, _res, next) => {
  req.principal = { userId: ORG_A, organizationId: String(req.headers["x-test-org"]), roles: [], permissions: [], kind: "user" };
  next();
};

function buildApp(options: { logger?: ReturnType<typeof createLogger>; store?: ReturnType<typeof createIdempotencyStore> } = {}): ServiceApp {
  const logger = options.logger ?? createLogger({ service: "idempotency-test", level: "error" });
  const service = createServiceApp({
    service: "probe",
    title: "Probe",
    version: "1",
    basePath: "/api/v1/probe",
    logger,
    authenticate,
    idempotency: options.store ?? createIdempotencyStore({ pool: appPool, schema: SCHEMA }),
  });
  type WidgetContext = { body: unknown; idempotency: IdempotencyHandle; location(path: string): string; res: Parameters<typeof created>[0]["res"] };
  const addWidget = async (organizationId: string | null, ctx: WidgetContext, store = true) => {
    handler.calls += 1;
    const body = ctx.body as z.output<typeof widgetBody>;
    if (body.name === "refused") throw unprocessable("NAME_REFUSED", "That name is refused");
    const widget = await inTransaction(async (client) => {
      const { rows } = await client.query<{ id: string; name: string }>(
        "INSERT INTO widgets (id, organization_id, name) VALUES (gen_random_uuid(), $1, $2) RETURNING id, name",
        [organizationId, body.name],
      );
      const row = rows[0]!;
      if (handler.hold) {
        handler.entered?.();
        await handler.hold;
      }
      if (body.name === "crash") throw new Error("the process died here");
      if (store) await ctx.idempotency.created(rawTransaction(client), { ...row, at: new Date(0) }, ctx.location(`/widgets/${row.id}`));
      if (body.name === "late-failure") throw new Error("commit failed");
      return { ...row, at: new Date(0) };
    });
    return created(ctx, widget, ctx.location(`/widgets/${widget.id}`));
  };
  service.route({
    method: "post",
    path: "/widgets",
    summary: "Adds a widget",
    access: { authenticated: true },
    idempotent: true,
    request: { body: widgetBody },
    responses: { 201: { description: "The widget" }, 422: { description: "Refused", codes: ["NAME_REFUSED"] } },
    handler: (ctx) => addWidget(ctx.scope.organizationId, ctx),
  });
  service.route({
    method: "post",
    path: "/widgets/{id}/copies",
    summary: "Copies a widget",
    access: { authenticated: true },
    idempotent: true,
    request: { params: z.object({ id: z.string() }), body: widgetBody },
    responses: { 201: { description: "The copy" } },
    handler: (ctx) => addWidget(ctx.scope.organizationId, ctx),
  });
  service.route({
    method: "post",
    path: "/signup",
    summary: "Public: keys are kept per route",
    access: { public: true },
    idempotent: true,
    request: { body: widgetBody },
    responses: { 201: { description: "The widget" } },
    handler: (ctx) => addWidget(null, ctx),
  });
  service.route({
    method: "post",
    path: "/forgetful",
    summary: "Does not store its answer in its transaction",
    access: { authenticated: true },
    idempotent: true,
    request: { body: widgetBody },
    responses: { 201: { description: "The widget" } },
    handler: (ctx) => addWidget(ctx.scope.organizationId, ctx, false),
  });
  service.finalize();
  return service;
}

let service: ServiceApp;
/** `key` null: no header. */
const post = (path: string, body: object, key: string | null, org = ORG_A) => {
  const req = request(service.app).post(`/api/v1/probe${path}`).set("x-test-org", org);
  return (key === null ? req : req.set("Idempotency-Key", key)).send(body);
};
const widgets = async () => Number((await owner.query("SELECT count(*) FROM idempotency_probe.widgets")).rows[0].count);
const keyRows = async () => (await owner.query(`SELECT * FROM ${SCHEMA}.idempotency_keys`)).rows;
let keyCounter = 0;
const newKey = () => `key-${process.pid}-${(keyCounter += 1)}-${Math.random().toString(36).slice(2)}`;

beforeAll(async () => {
  url = await createTestDatabase();
  owner = new pg.Pool({ connectionString: url, max: 2 });
  migrationsDir = mkdtempSync(join(tmpdir(), "erp-idempotency-"));
  mkdirSync(join(migrationsDir, "20250101000000_init"));
  writeFileSync(
    join(migrationsDir, "20250101000000_init", "migration.sql"),
    `CREATE TABLE widgets (id uuid PRIMARY KEY, organization_id uuid, name text NOT NULL);
     SELECT public.app_declare_cross_organization('${SCHEMA}.widgets', 'test widgets of every organization');
     SELECT public.app_create_idempotency_keys('${SCHEMA}');`,
  );
  await migrate({ connectionString: url, schema: SCHEMA, migrationsDir });
  appPool = new pg.Pool({ connectionString: url, max: 12, options: `-c role=erp_app -c search_path=${SCHEMA},public` });
  service = buildApp();
});

afterAll(async () => {
  await appPool?.end();
  await owner?.end();
  rmSync(migrationsDir, { recursive: true, force: true });
  await dropTestDatabases();
});

beforeEach(() => {
  handler.calls = 0;
  handler.hold = undefined;
  handler.entered = undefined;
});

describe("the table (public.app_create_idempotency_keys)", () => {
  test("is declared cross-organization with erp_app reading and writing it, and nothing more", async () => {
    const { rows } = await owner.query("SELECT obj_description($1::regclass, 'pg_class') AS comment", [`${SCHEMA}.idempotency_keys`]);
    expect(parseTableAccessComment(rows[0].comment)).toMatchObject({ kind: "cross-organization", privileges: ["SELECT", "INSERT", "UPDATE", "DELETE"] });
    expect(await tableAccessProblems(owner, SCHEMA)).toEqual([]);
    expect(await hasIdempotencyKeys(appPool, SCHEMA)).toBe(true);
    expect(await hasIdempotencyKeys(appPool, "public")).toBe(false);
  });

  test("calling it again (a later migration) changes nothing", async () => {
    await owner.query(`SELECT public.app_create_idempotency_keys('${SCHEMA}')`);
    const { rows } = await owner.query(`SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = 'idempotency_keys' ORDER BY 1`, [SCHEMA]);
    expect(rows.map((r) => r.indexname)).toEqual(["idempotency_keys_expires_at_idx", "idempotency_keys_pkey"]);
  });
});

describe("a retry with the same key", () => {
  test("and the same request replays the first answer (status, body, Location) without a second effect", async () => {
    const key = newKey();
    const first = await post("/widgets", { name: "alpha", note: { a: 1, b: 2 } }, key);
    expect(first.status).toBe(201);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    // Same meaning, other key order: still the same request.
    const again = await post("/widgets", { note: { b: 2, a: 1 }, name: "alpha" }, key);
    expect(again.status).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.body).toEqual(first.body);
    expect(first.body.data).toEqual({ id: expect.any(String), name: "alpha", at: "1970-01-01T00:00:00.000Z" });
    expect(handler.calls).toBe(1);
    expect(Number((await owner.query("SELECT count(*) FROM idempotency_probe.widgets WHERE name = 'alpha'")).rows[0].count)).toBe(1);
  });

  test("and another body, path or query is 422 IDEMPOTENCY_KEY_REUSED, with no effect", async () => {
    const key = newKey();
    expect((await post("/widgets", { name: "beta" }, key)).status).toBe(201);
    const before = await widgets();
    const otherBody = await post("/widgets", { name: "gamma" }, key);
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.error).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
    expect((await post("/widgets/1/copies", { name: "beta" }, key)).body.error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect((await post("/widgets?x=1", { name: "beta" }, key)).status).toBe(400); // undeclared query parameter: refused before the key
    expect(await widgets()).toBe(before);
    expect(handler.calls).toBe(1);
  });

  test("is kept per organization: another organization's same key is its own", async () => {
    const key = newKey();
    const a = await post("/widgets", { name: "delta" }, key, ORG_A);
    const b = await post("/widgets", { name: "delta" }, key, ORG_B);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.headers["idempotent-replayed"]).toBeUndefined();
    expect(b.body.data.id).not.toBe(a.body.data.id);
    const rows = await owner.query(`SELECT organization_id, scope FROM ${SCHEMA}.idempotency_keys WHERE organization_id = ANY($1) ORDER BY organization_id`, [[ORG_A, ORG_B]]);
    expect(rows.rows.filter((r) => r.scope.startsWith("organization:")).length).toBeGreaterThanOrEqual(2);
  });

  test("on a public route is kept per route, whoever sends it", async () => {
    const key = newKey();
    const first = await post("/signup", { name: "epsilon" }, key, "anyone");
    const second = await post("/signup", { name: "epsilon" }, key, "someone-else");
    expect(first.status).toBe(201);
    expect(second.headers["idempotent-replayed"]).toBe("true");
    expect(second.body).toEqual(first.body);
    const { rows } = await owner.query(`SELECT scope, organization_id FROM ${SCHEMA}.idempotency_keys WHERE scope LIKE 'route:%'`);
    expect(rows).toContainEqual({ scope: "route:POST /api/v1/probe/signup", organization_id: null });
  });

  test("while the first is in flight is 409 IDEMPOTENCY_KEY_IN_USE with Retry-After, then the answer once it is done", async () => {
    const key = newKey();
    let release!: () => void;
    handler.hold = new Promise<void>((resolve) => (release = resolve));
    const entered = new Promise<void>((resolve) => (handler.entered = resolve));
    const first = post("/widgets", { name: "zeta" }, key).then((res) => res);
    await entered;
    const during = await post("/widgets", { name: "zeta" }, key);
    expect(during.status).toBe(409);
    expect(during.body.error.code).toBe("IDEMPOTENCY_KEY_IN_USE");
    expect(during.headers["retry-after"]).toBe("1");
    release();
    const answered = await first;
    expect(answered.status).toBe(201);
    const after = await post("/widgets", { name: "zeta" }, key);
    expect(after.headers["idempotent-replayed"]).toBe("true");
    expect(after.body).toEqual(answered.body);
    expect(handler.calls).toBe(1);
  });

  test("50 concurrent identical requests: one effect, and every answer the same 201 or a 409", async () => {
    const key = newKey();
    const before = await widgets();
    const answers = await Promise.all(Array.from({ length: 50 }, () => post("/widgets", { name: "eta" }, key).then((res) => res)));
    expect(await widgets()).toBe(before + 1);
    expect(handler.calls).toBe(1);
    const created201 = answers.filter((res) => res.status === 201);
    expect(created201.length).toBeGreaterThanOrEqual(1);
    for (const res of created201) expect(res.body).toEqual(created201[0]!.body);
    for (const res of answers.filter((r) => r.status !== 201)) {
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("IDEMPOTENCY_KEY_IN_USE");
    }
  });
});

describe("answers without an effect", () => {
  test("a 4xx the handler refuses with is kept and replayed; the handler does not run again", async () => {
    const key = newKey();
    const first = await post("/widgets", { name: "refused" }, key);
    expect(first.status).toBe(422);
    expect(first.body.error.code).toBe("NAME_REFUSED");
    const again = await post("/widgets", { name: "refused" }, key);
    expect(again.status).toBe(422);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(handler.calls).toBe(1);
  });

  test("a 5xx releases the key (nothing committed, nothing kept): the retry runs", async () => {
    const key = newKey();
    const before = await widgets();
    const failed = await post("/widgets", { name: "crash" }, key);
    expect(failed.status).toBe(500);
    expect(await keyRows().then((rows) => rows.filter((r) => r.status === "in_progress"))).toEqual([]);
    expect(await widgets()).toBe(before);
    // The same key may now carry the retry (whatever its body: nothing was kept).
    const retry = await post("/widgets", { name: "theta" }, key);
    expect(retry.status).toBe(201);
    expect(retry.headers["idempotent-replayed"]).toBeUndefined();
    expect(await widgets()).toBe(before + 1);
  });

  test("an answer stored in a transaction that then rolls back is gone with the effect", async () => {
    const key = newKey();
    const before = await widgets();
    expect((await post("/widgets", { name: "late-failure" }, key)).status).toBe(500);
    expect(await widgets()).toBe(before);
    const retry = await post("/widgets", { name: "iota" }, key);
    expect(retry.status).toBe(201);
    expect(retry.headers["idempotent-replayed"]).toBeUndefined();
  });
});

describe("without a usable key", () => {
  test("no header: the route runs every time and nothing is kept", async () => {
    const rowsBefore = (await keyRows()).length;
    expect((await post("/widgets", { name: "kappa" }, null)).status).toBe(201);
    expect((await post("/widgets", { name: "kappa" }, null)).status).toBe(201);
    expect(handler.calls).toBe(2);
    expect((await keyRows()).length).toBe(rowsBefore);
  });

  test.each([
    ["longer than 255 characters", "x".repeat(256)],
    ["with a space", "has space"],
    ["not ASCII", "cl\u00e9"],
  ])("a malformed key (%s) is 400 before anything runs", async (_what, key) => {
    const res = await post("/widgets", { name: "x" }, key);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", details: [{ path: "Idempotency-Key", message: expect.any(String) }] });
    expect(handler.calls).toBe(0);
  });
});

describe("at rest", () => {
  test("the table holds neither the key, nor the request, nor the answer in clear", async () => {
    const key = `secret-key-${newKey()}`;
    const res = await post("/widgets", { name: "password-like-lambda" }, key);
    expect(res.status).toBe(201);
    const dump = JSON.stringify(await keyRows());
    expect(dump).not.toContain(key);
    expect(dump).not.toContain("password-like-lambda");
    expect(dump).not.toContain(res.body.data.id);
  });
});

describe("a claim whose request died", () => {
  test("is taken over by a retry once its lock ran out, and the late original then commits nothing", async () => {
    const store = createIdempotencyStore({ pool: appPool, schema: SCHEMA });
    const request0 = { key: newKey(), owner: { organizationId: ORG_A }, method: "POST", path: "/died", material: "same" };
    const original = await store.claim(request0);
    expect(original.outcome).toBe("claimed");
    expect((await store.claim(request0)).outcome).toBe("in_use");
    await owner.query(`UPDATE ${SCHEMA}.idempotency_keys SET locked_until = now() - interval '1 second' WHERE path = '/died'`);
    const retry = await store.claim(request0);
    expect(retry.outcome).toBe("claimed");
    if (original.outcome !== "claimed" || retry.outcome !== "claimed") return;
    const before = await widgets();
    await expect(
      inTransaction(async (client) => {
        await client.query("INSERT INTO widgets (id, name) VALUES (gen_random_uuid(), 'late original')");
        await original.key.storeIn(rawTransaction(client), { status: 201, body: { data: 1 }, headers: {} });
      }),
    ).rejects.toMatchObject({ code: "IDEMPOTENCY_KEY_IN_USE", status: 409 });
    expect(await widgets()).toBe(before);
    await inTransaction((client) => retry.key.storeIn(rawTransaction(client), { status: 201, body: { data: 2 }, headers: {} }));
    expect(await store.claim(request0)).toEqual({ outcome: "replay", response: { status: 201, body: { data: 2 }, headers: {} } });
  });
});

describe("expiry", () => {
  test("a key past its 24 hours is forgotten: pruned, or claimed afresh", async () => {
    const store = createIdempotencyStore({ pool: appPool, schema: SCHEMA });
    const old = { key: newKey(), owner: { organizationId: ORG_C }, method: "POST", path: "/x", material: "first" };
    const claim = await store.claim(old);
    if (claim.outcome !== "claimed") throw new Error(claim.outcome);
    await claim.key.store({ status: 201, body: null, headers: {} });
    const kept = await store.claim({ ...old, key: newKey() });
    if (kept.outcome !== "claimed") throw new Error(kept.outcome);
    await kept.key.store({ status: 201, body: null, headers: {} });
    expect((await store.claim(old)).outcome).toBe("replay");

    await owner.query(`UPDATE ${SCHEMA}.idempotency_keys SET expires_at = now() - interval '1 second' WHERE organization_id = $1`, [ORG_C]);
    // Expired but not yet pruned: another request may use the key.
    expect((await store.claim({ ...old, material: "second" })).outcome).toBe("claimed");
    await owner.query(`UPDATE ${SCHEMA}.idempotency_keys SET expires_at = now() - interval '1 second', locked_until = now() - interval '1 second' WHERE organization_id = $1`, [ORG_C]);
    const remaining = (await keyRows()).length;
    expect(await pruneIdempotencyKeys(appPool, SCHEMA)).toBe(2);
    expect((await keyRows()).length).toBe(remaining - 2);
    expect(await pruneIdempotencyKeys(appPool, SCHEMA)).toBe(0);
  });

  test("a key in flight past its expiry is kept until its lock ran out too", async () => {
    const store = createIdempotencyStore({ pool: appPool, schema: SCHEMA });
    const claim = await store.claim({ key: newKey(), owner: { route: "POST /slow" }, method: "POST", path: "/slow", material: "m" });
    expect(claim.outcome).toBe("claimed");
    await owner.query(`UPDATE ${SCHEMA}.idempotency_keys SET expires_at = now() - interval '1 second' WHERE scope = 'route:POST /slow'`);
    expect(await pruneIdempotencyKeys(appPool, SCHEMA)).toBe(0);
  });
});

describe("a route that does not store its answer in its transaction", () => {
  test("still gets replays (stored after the fact), and the service is warned", async () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    service = buildApp({ logger: createLogger({ service: "idempotency-test", level: "warn", format: "json", destination }) });
    try {
      const key = newKey();
      const first = await post("/forgetful", { name: "mu" }, key);
      expect(first.status).toBe(201);
      // Stored only after the answer went out: a retry racing that store is told to retry (409).
      const again = await waitFor(
        async () => {
          const res = await post("/forgetful", { name: "mu" }, key);
          return res.status === 409 ? undefined : res;
        },
        { timeoutMs: 5000, what: "the answer stored after the fact" },
      );
      expect(again.headers["idempotent-replayed"]).toBe("true");
      expect(again.body).toEqual(first.body);
      expect(again.headers.location).toBe(first.headers.location);
      expect(lines.join("")).toContain("without storing its answer in the effect's transaction");
    } finally {
      service = buildApp();
    }
  });
});

describe("the OpenAPI document", () => {
  test("documents the header parameter and the key's 409 and 422 beside the route's own codes", () => {
    const document = service.openApiDocument() as {
      paths: Record<string, { post: { description?: string; parameters?: { name: string; in: string; required?: boolean }[]; responses: Record<string, { description: string }> } }>;
    };
    const operation = document.paths["/api/v1/probe/widgets"]!.post;
    expect(operation.parameters).toContainEqual(expect.objectContaining({ name: "Idempotency-Key", in: "header", required: false }));
    expect(operation.responses["409"]!.description).toContain("IDEMPOTENCY_KEY_IN_USE");
    expect(operation.responses["422"]!.description).toMatch(/NAME_REFUSED.*IDEMPOTENCY_KEY_REUSED/);
    expect(operation.description).toContain("Idempotent-Replayed");
    expect(service.routes.find((r) => r.path === "/api/v1/probe/widgets")).toMatchObject({ idempotent: true });
  });

  test("an idempotent route without a store, or on another method than POST, is refused at start-up", () => {
    const logger = createLogger({ service: "idempotency-test", level: "error" });
    const bare = createServiceApp({ service: "probe", title: "Probe", version: "1", basePath: "/api/v1/probe", logger });
    const route = { path: "/x", summary: "x", access: { public: true } as const, idempotent: true, responses: {}, handler: () => null };
    expect(() => bare.route({ ...route, method: "post" })).toThrow(/idempotent but createServiceApp got no idempotency store/);
    const withStore = createServiceApp({ service: "probe", title: "Probe", version: "1", basePath: "/api/v1/probe", logger, idempotency: createIdempotencyStore({ pool: appPool, schema: SCHEMA }) });
    expect(() => withStore.route({ ...route, method: "put" })).toThrow(/only POST routes take an Idempotency-Key/);
  });
});
