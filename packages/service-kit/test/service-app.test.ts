/**
 * createServiceAppFor: the app every service's app.ts builds from its dependencies. Its name, base
 * path, config, database readiness and authenticate reach createServiceApp as the services relied on.
 */
import { z, type ServiceAppOptions } from "@erp/http-kit";
import { createLogger } from "@erp/logging";
import request from "supertest";
import { createServiceAppFor, type ServiceAppDependencies } from "../src";

type RequestHandler = NonNullable<ServiceAppOptions["authenticate"]>;

const INTERNAL_KEY = "service-app-test-internal-key";

/** A database whose ping fails while `down` is set. */
function fakeDb() {
  const state = { down: false, pings: 0 };
  const db = {
    async ping() {
      state.pings += 1;
      if (state.down) throw new Error("database unreachable");
    },
  };
  return { db, state };
}

/** Answers in place of the route, naming which middleware ran (`who`): the route behind it is never reached. */
function authenticateAs(who: string): RequestHandler {
  return (req, res) => {
    res.status(200).json({ who, path: req.path });
  };
}

function build(overrides: Partial<ServiceAppDependencies<{ ping(): Promise<void> }>> = {}, options: { authenticate?: RequestHandler } = {}) {
  const { db, state } = fakeDb();
  const deps: ServiceAppDependencies<{ ping(): Promise<void> }> = {
    name: "things",
    basePath: "/api/v1/things",
    config: { CORS_ORIGINS: ["https://app.example"], BODY_LIMIT: "1kb", INTERNAL_API_KEY: INTERNAL_KEY },
    logger: createLogger({ service: "things", level: "silent" }),
    db,
    authenticate: authenticateAs("deps"),
    ...overrides,
  };
  const service = createServiceAppFor(deps, { title: "Things service", version: "2.3.4", ...options });
  service.route({
    method: "post",
    path: "/echo",
    summary: "Echoes its body",
    access: { public: true },
    request: { body: z.object({ a: z.unknown() }) },
    responses: { 200: { description: "The body" } },
    handler: (ctx) => ({ body: ctx.body }),
  });
  service.route({ method: "get", path: "/me", summary: "Who calls", access: { authenticated: true }, responses: { 200: { description: "Never reached" } }, handler: () => ({}) });
  service.route({ method: "get", path: "/internal/things/ping", summary: "Internal", access: { internal: true }, internal: true, responses: { 200: { description: "pong" } }, handler: () => ({ pong: true }) });
  service.finalize();
  return { service, state };
}

it("documents the service under its title, version and base path", async () => {
  const { service } = build();
  const res = await request(service.app).get("/api/v1/things/openapi.json").expect(200);
  expect(res.body.info).toMatchObject({ title: "Things service", version: "2.3.4" });
  expect(Object.keys(res.body.paths)).toEqual(["/api/v1/things/echo", "/api/v1/things/me"]);
  expect(service.routes.map((r) => r.path)).toContain("/internal/things/ping");
});

it("is ready when the database answers its ping and every other check passes, at each call", async () => {
  const events = { down: false };
  const { service, state } = build({ readiness: { events: async () => { if (events.down) throw new Error("brokers unreachable"); } } });
  expect(state.pings).toBe(0);
  await request(service.app).get("/ready").expect(200, { status: "ready", checks: { database: "ok", events: "ok" } });
  state.down = true;
  const res = await request(service.app).get("/ready").expect(503);
  expect(res.body).toMatchObject({ checks: { database: "failed", events: "ok" }, reasons: { database: "database unreachable" } });
  state.down = false;
  events.down = true;
  await request(service.app).get("/ready").expect(503);
  expect(state.pings).toBe(3);
});

it("takes its body limit, CORS origins and internal key from the config", async () => {
  const { service } = build();
  await request(service.app).post("/api/v1/things/echo").send({ a: 1 }).expect(200, { data: { body: { a: 1 } } });
  await request(service.app).post("/api/v1/things/echo").send({ a: "x".repeat(2000) }).expect(413);
  const cors = await request(service.app).get("/health").set("Origin", "https://app.example");
  expect(cors.headers["access-control-allow-origin"]).toBe("https://app.example");
  await request(service.app).get("/internal/things/ping").expect(401);
  await request(service.app).get("/internal/things/ping").set("Authorization", `Bearer ${INTERNAL_KEY}`).expect(200, { data: { pong: true } });
});

it("authenticates with the dependencies' middleware unless the options bring their own", async () => {
  await request(build().service.app).get("/api/v1/things/me").expect(200, { who: "deps", path: "/api/v1/things/me" });
  const own = build({}, { authenticate: authenticateAs("options") });
  await request(own.service.app).get("/api/v1/things/me").expect(200, { who: "options", path: "/api/v1/things/me" });
});
