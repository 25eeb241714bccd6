import http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { createLogger, type Logger } from "@erp/logging";
import type { RequestHandler } from "express";
import request from "supertest";
import { AppError, notFound } from "@erp/errors";
import { createServiceApp, type ServiceAppOptions } from "./create-service-app";
import { paginationQuery } from "./pagination";
import { created, noContent, page, pageSchema } from "./responses";
import { z } from "./zod";

const BASE = "/api/v1/tenant";
const INTERNAL_KEY = "internal-key-0123456789";

/** A logger whose formatted lines are collected; nothing reaches the console. */
function captureLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const logger = createLogger({ service: "tenant", format: "json", level: "debug", destination });
  return { logger, lines: () => lines };
}

/** Stands in for auth-kit: `Bearer perms:a,b` authenticates with permissions a and b. */
const fakeAuthenticate: RequestHandler = (req, _res, next) => {
  const token = req.headers.authorization?.replace(/^Bearer /, "");
  if (!token?.startsWith("perms:")) throw new AppError("UNAUTHENTICATED", "Invalid access token", 401);
  req.principal = {
    userId: "user-1",
    organizationId: "0193a1b2-7c4d-7e00-8000-0000000000c1",
    roles: [],
    permissions: token.slice("perms:".length).split(",").filter(Boolean),
    kind: "user",
  };
  next();
};

const organization = z.object({ id: z.string(), name: z.string() }).openapi("Organization");

function buildApp(overrides: Partial<ServiceAppOptions> = {}) {
  const captured = captureLogger();
  const service = createServiceApp({
    service: "tenant",
    title: "Tenant service",
    version: "1.0.0",
    basePath: BASE,
    logger: captured.logger,
    corsOrigins: ["https://app.example"],
    bodyLimit: "2kb",
    authenticate: fakeAuthenticate,
    internalApiKey: INTERNAL_KEY,
    ...overrides,
  });
  const { route } = service;

  route({
    method: "get",
    path: "/organizations/{id}",
    summary: "Get an organization",
    tags: ["organizations"],
    access: { permission: "tenant.organization.read" },
    request: { params: z.object({ id: z.string().uuid() }) },
    responses: { 200: { description: "The organization", schema: organization } },
    handler: ({ params, principal }) => {
      if (params.id === "00000000-0000-4000-8000-000000000000") throw notFound("Organization");
      return { id: params.id, name: "Acme", askedBy: principal.userId };
    },
  });

  route({
    method: "get",
    path: "/organizations",
    summary: "List organizations",
    access: { authenticated: true },
    request: { query: paginationQuery.extend({ status: z.enum(["active", "suspended"]).optional() }) },
    responses: { 200: { description: "A page", schema: pageSchema(organization) } },
    handler: ({ query }) => page([{ id: "1", name: "Acme", status: query.status ?? "any" }], "next", query.limit),
  });

  route({
    method: "post",
    path: "/organizations",
    summary: "Create an organization",
    access: { permission: "tenant.organization.create" },
    request: {
      body: z.object({
        name: z.string().min(2),
        address: z.object({ city: z.string() }).optional(),
        lines: z.array(z.object({ quantity: z.number().positive() })).default([]),
      }),
    },
    responses: { 201: { description: "Created", schema: organization } },
    handler: (ctx) => {
      captured.logger.info("creating organization", { name: ctx.body.name });
      created(ctx, { id: "new-id", name: ctx.body.name }, `${BASE}/organizations/new-id`);
    },
  });

  route({
    method: "post",
    path: "/organizations/{id}/suspend",
    summary: "Suspend an organization (an action without a body)",
    access: { permission: "tenant.organization.suspend" },
    request: { params: z.object({ id: z.string() }) },
    responses: { 204: { description: "Suspended" } },
    handler: (ctx) => noContent(ctx),
  });

  route({
    method: "get",
    path: "/public/plans",
    summary: "Public plan list",
    access: { public: true },
    responses: { 200: { description: "Plans" } },
    handler: ({ principal }) => ({ plans: ["basic"], principal: principal ?? null }),
  });

  route({
    method: "get",
    path: "/organizations/{id}/modules",
    internal: true,
    summary: "Enabled modules, for other services",
    access: { internal: true },
    request: { params: z.object({ id: z.string() }) },
    responses: { 200: { description: "Modules" } },
    handler: ({ params }) => ({ organizationId: params.id, modules: ["finance"] }),
  });

  route({
    method: "get",
    path: "/failures/{kind}",
    summary: "Throws on purpose",
    access: { public: true },
    request: { params: z.object({ kind: z.string() }) },
    responses: { 200: { description: "Never" } },
    handler: ({ params }) => {
      if (params.kind === "bug") throw new Error("connection string postgres://secret@db leaked");
      if (params.kind === "unique") {
        throw Object.assign(new Error("Unique constraint failed on the fields: (`name`)"), {
          name: "PrismaClientKnownRequestError",
          code: "P2002",
          clientVersion: "7.10.0",
        });
      }
      if (params.kind === "zod") z.object({ amount: z.number() }).parse({ amount: "12" });
      return null;
    },
  });

  service.finalize();
  return { ...service, lines: captured.lines };
}

const uuid = "0193a1b2-7c4d-7e00-8000-1234567890ab";
const READ = "Bearer perms:tenant.organization.read";
const CREATE = "Bearer perms:tenant.organization.create";

describe("createServiceApp", () => {
  const { app, routes, lines } = buildApp();

  describe("successful requests", () => {
    it("wraps what the handler returns in data and passes the principal to it", async () => {
      const res = await request(app).get(`${BASE}/organizations/${uuid}`).set("Authorization", READ);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: { id: uuid, name: "Acme", askedBy: "user-1" } });
    });

    it("sends a page as is, with the parsed and defaulted query", async () => {
      const res = await request(app).get(`${BASE}/organizations?status=active`).set("Authorization", READ);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        data: [{ id: "1", name: "Acme", status: "active" }],
        page: { limit: 50, nextCursor: "next", hasMore: true },
      });
    });

    it("answers 201 with a Location header for created resources", async () => {
      const res = await request(app).post(`${BASE}/organizations`).set("Authorization", CREATE).send({ name: "Acme" });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`${BASE}/organizations/new-id`);
      expect(res.body).toEqual({ data: { id: "new-id", name: "Acme" } });
    });

    it("accepts a POST action without a body and answers 204", async () => {
      const res = await request(app)
        .post(`${BASE}/organizations/${uuid}/suspend`)
        .set("Authorization", "Bearer perms:tenant.organization.suspend");
      expect(res.status).toBe(204);
      expect(res.text).toBe("");
    });

    it("serves public routes without a token and without a principal", async () => {
      const res = await request(app).get(`${BASE}/public/plans`);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ plans: ["basic"], principal: null });
    });
  });

  describe("request ids", () => {
    it("generates an X-Request-Id when the request has none", async () => {
      const res = await request(app).get("/health");
      expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("echoes a sane incoming X-Request-Id", async () => {
      const res = await request(app).get("/health").set("X-Request-Id", "gw-01J9ZK3.abc");
      expect(res.headers["x-request-id"]).toBe("gw-01J9ZK3.abc");
    });

    it("replaces an incoming id that is too long or has odd characters", async () => {
      for (const bad of ["a".repeat(200), "id with spaces", "<script>"]) {
        const res = await request(app).get("/health").set("X-Request-Id", bad);
        expect(res.headers["x-request-id"]).not.toBe(bad);
        expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
      }
    });

    it("puts the request id, also after the body was parsed, on every log line of the request", async () => {
      const res = await request(app)
        .post(`${BASE}/organizations`)
        .set("Authorization", CREATE)
        .set("X-Request-Id", "trace-body-1")
        .send({ name: "Traced" });
      expect(res.status).toBe(201);
      const mine = lines().filter((line) => line.requestId === "trace-body-1");
      expect(mine.map((line) => line.message)).toEqual(
        expect.arrayContaining(["creating organization", `POST ${BASE}/organizations 201 ${String(mine.at(-1)?.durationMs)}ms`]),
      );
    });

    it("keeps the request id on log lines when the body arrives well after the headers", async () => {
      const server = app.listen(0, "127.0.0.1");
      await new Promise((resolve) => server.once("listening", resolve));
      const { port } = server.address() as AddressInfo;
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const body = JSON.stringify({ name: "Slow" });
        const req = http.request(
          {
            host: "127.0.0.1",
            port,
            method: "POST",
            path: `${BASE}/organizations`,
            headers: {
              "Content-Type": "application/json",
              "Content-Length": String(Buffer.byteLength(body)),
              Authorization: CREATE,
              "X-Request-Id": "trace-slow-body",
            },
          },
          (res) => res.resume().on("end", () => resolve(res.statusCode)),
        );
        req.on("error", reject);
        req.flushHeaders();
        setTimeout(() => req.end(body), 50);
      });
      await new Promise((resolve) => server.close(resolve));
      expect(status).toBe(201);
      const messages = lines()
        .filter((line) => line.requestId === "trace-slow-body")
        .map((line) => line.message);
      expect(messages).toContain("creating organization");
    });

    it("puts the request id in error bodies", async () => {
      const res = await request(app).get("/nope").set("X-Request-Id", "trace-404");
      expect(res.body.error.requestId).toBe("trace-404");
    });
  });

  describe("validation", () => {
    it("answers 400 VALIDATION_FAILED with a detail per bad body field", async () => {
      const res = await request(app)
        .post(`${BASE}/organizations`)
        .set("Authorization", CREATE)
        .send({ name: "A", lines: [{ quantity: 1 }, { quantity: -2 }] });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.message).toBe("Request body is invalid");
      expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["lines.1.quantity", "name"]);
      expect(res.body.error.details.every((d: { message: string }) => d.message.length > 0)).toBe(true);
    });

    it("refuses unknown body fields at the top level and nested, naming each", async () => {
      const res = await request(app)
        .post(`${BASE}/organizations`)
        .set("Authorization", CREATE)
        .send({ name: "Acme", organizationId: "someone-else", address: { city: "Oslo", zip: "0150" } });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([
        { path: "organizationId", message: "Unknown field" },
        { path: "address.zip", message: "Unknown field" },
      ]);
    });

    it("validates path parameters", async () => {
      const res = await request(app).get(`${BASE}/organizations/not-a-uuid`).set("Authorization", READ);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", details: [{ path: "id" }] });
    });

    it("validates query parameters", async () => {
      const res = await request(app).get(`${BASE}/organizations?limit=500&status=gone`).set("Authorization", READ);
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["limit", "status"]);
    });

    it("answers 400 for malformed JSON", async () => {
      const res = await request(app)
        .post(`${BASE}/organizations`)
        .set("Authorization", CREATE)
        .set("Content-Type", "application/json")
        .send('{"name": ');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    });

    it("answers 413 PAYLOAD_TOO_LARGE above the body limit", async () => {
      const res = await request(app)
        .post(`${BASE}/organizations`)
        .set("Authorization", CREATE)
        .send({ name: "x".repeat(4096) });
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    });

    it("answers 415 UNSUPPORTED_MEDIA_TYPE for a body that is not JSON", async () => {
      const res = await request(app)
        .post(`${BASE}/organizations`)
        .set("Authorization", CREATE)
        .set("Content-Type", "text/plain")
        .send("name=Acme");
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    });

    it("maps a ZodError thrown by a handler to 400 with details", async () => {
      const res = await request(app).get("/api/v1/tenant/failures/zod");
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", details: [{ path: "amount" }] });
    });
  });

  describe("access", () => {
    it("answers 401 without a token on a permission route", async () => {
      const res = await request(app).get(`${BASE}/organizations/${uuid}`);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHENTICATED");
    });

    it("answers 403 FORBIDDEN when the token lacks the permission, before validating the body", async () => {
      const res = await request(app).post(`${BASE}/organizations`).set("Authorization", READ).send({ bogus: true });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    });

    it("accepts a wildcard grant", async () => {
      const res = await request(app).get(`${BASE}/organizations/${uuid}`).set("Authorization", "Bearer perms:tenant.*");
      expect(res.status).toBe(200);
    });

    it("lets any valid token through on an authenticated route", async () => {
      const res = await request(app).get(`${BASE}/organizations`).set("Authorization", "Bearer perms:");
      expect(res.status).toBe(200);
    });

    it("mounts internal routes at /internal and requires the internal API key", async () => {
      const path = "/internal/organizations/org-9/modules";
      expect((await request(app).get(path)).status).toBe(401);
      expect((await request(app).get(path).set("Authorization", "Bearer wrong-key-0123456789")).status).toBe(401);
      expect((await request(app).get(path).set("Authorization", "perms:tenant.*")).status).toBe(401);
      const ok = await request(app).get(path).set("Authorization", `Bearer ${INTERNAL_KEY}`);
      expect(ok.status).toBe(200);
      expect(ok.body.data).toEqual({ organizationId: "org-9", modules: ["finance"] });
    });

    it("never serves internal routes under basePath", async () => {
      const res = await request(app)
        .get(`${BASE}/organizations/org-9/modules`)
        .set("Authorization", `Bearer ${INTERNAL_KEY}`);
      expect(res.status).toBe(404);
    });

    it("keeps every route with its access in the routes table", () => {
      expect(routes).toEqual(
        expect.arrayContaining([
          { method: "get", path: `${BASE}/organizations/{id}`, summary: "Get an organization", access: { permission: "tenant.organization.read" } },
          { method: "get", path: "/internal/organizations/{id}/modules", summary: expect.any(String), access: { internal: true } },
          { method: "get", path: `${BASE}/public/plans`, summary: expect.any(String), access: { public: true } },
        ]),
      );
      expect(routes).toHaveLength(7);
    });
  });

  describe("errors", () => {
    it("answers unknown routes with 404 NOT_FOUND in the common format", async () => {
      const res = await request(app).get("/api/v1/tenant/unknown");
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        error: { code: "NOT_FOUND", message: "No route for GET /api/v1/tenant/unknown", requestId: res.headers["x-request-id"] },
      });
    });

    it("sends an AppError's status, code and message", async () => {
      const res = await request(app).get(`${BASE}/organizations/00000000-0000-4000-8000-000000000000`).set("Authorization", READ);
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: "NOT_FOUND", message: "Organization not found" });
    });

    it("hides an unexpected error's message and stack behind 500 INTERNAL, and logs them", async () => {
      const res = await request(app).get(`${BASE}/failures/bug`).set("X-Request-Id", "trace-500");
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ error: { code: "INTERNAL", message: "Internal server error", requestId: "trace-500" } });
      expect(res.text).not.toContain("postgres://");
      const logged = lines().find((line) => line.requestId === "trace-500" && line.level === "error");
      expect(logged?.err).toMatchObject({ message: "connection string postgres://secret@db leaked" });
      expect(String((logged?.err as { stack?: string }).stack)).toContain("create-service-app.test.ts");
    });

    it("maps a Prisma unique violation to 409 CONFLICT without Prisma's message", async () => {
      const res = await request(app).get(`${BASE}/failures/unique`);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("CONFLICT");
      expect(res.body.error.message).not.toContain("Unique constraint");
    });
  });

  describe("HTTP hygiene", () => {
    it("sets security headers and hides the framework", async () => {
      const res = await request(app).get("/health");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["content-security-policy"]).toBeDefined();
      expect(res.headers["x-powered-by"]).toBeUndefined();
    });

    it("allows CORS only for listed origins and exposes the request id", async () => {
      const allowed = await request(app).get("/health").set("Origin", "https://app.example");
      expect(allowed.headers["access-control-allow-origin"]).toBe("https://app.example");
      expect(allowed.headers["access-control-expose-headers"]).toContain("X-Request-Id");
      const refused = await request(app).get("/health").set("Origin", "https://evil.example");
      expect(refused.headers["access-control-allow-origin"]).toBeUndefined();
    });
  });

  describe("OpenAPI", () => {
    it("serves the same OpenAPI 3 document at /openapi.json and under basePath", async () => {
      const root = await request(app).get("/openapi.json");
      const prefixed = await request(app).get(`${BASE}/openapi.json`);
      expect(root.status).toBe(200);
      expect(root.body.openapi).toMatch(/^3\./);
      expect(root.body.info).toEqual({ title: "Tenant service", version: "1.0.0" });
      expect(prefixed.body).toEqual(root.body);
    });

    it("documents each route from its zod schemas, with bearer security where a token is needed", async () => {
      const doc = (await request(app).get("/openapi.json")).body;
      expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });

      const get = doc.paths[`${BASE}/organizations/{id}`].get;
      expect(get.security).toEqual([{ bearerAuth: [] }]);
      expect(get.parameters).toEqual([expect.objectContaining({ name: "id", in: "path", required: true })]);
      expect(get.description).toContain("tenant.organization.read");
      expect(Object.keys(get.responses).sort()).toEqual(["200", "400", "401", "403"]);
      expect(get.responses["200"].content["application/json"].schema.properties.data).toEqual({
        $ref: "#/components/schemas/Organization",
      });

      const post = doc.paths[`${BASE}/organizations`].post;
      const body = post.requestBody.content["application/json"].schema;
      expect(body.properties.name).toMatchObject({ type: "string", minLength: 2 });
      expect(body.required).toEqual(["name"]);

      const list = doc.paths[`${BASE}/organizations`].get;
      expect(list.parameters.map((p: { name: string }) => p.name).sort()).toEqual(["cursor", "limit", "status"]);
      expect(Object.keys(list.responses["200"].content["application/json"].schema.properties).sort()).toEqual([
        "data",
        "page",
      ]);

      expect(doc.paths[`${BASE}/public/plans`].get.security).toBeUndefined();
    });

    it("leaves internal routes out of the document", async () => {
      const doc = (await request(app).get("/openapi.json")).body;
      expect(Object.keys(doc.paths).some((path) => path.includes("internal") || path.includes("modules"))).toBe(false);
    });

    it("serves Swagger UI at /docs and under basePath, pointing at the document next to it", async () => {
      for (const mount of ["/docs", `${BASE}/docs`]) {
        const redirect = await request(app).get(mount);
        expect(redirect.status).toBe(301);
        expect(redirect.headers.location).toBe(`${mount}/`);
        const page = await request(app).get(`${mount}/`);
        expect(page.status).toBe(200);
        expect(page.text).toContain("swagger-ui");
        const init = await request(app).get(`${mount}/swagger-ui-init.js`);
        expect(init.text).toContain("../openapi.json");
      }
    });
  });

  describe("health", () => {
    it("answers /health with 200", async () => {
      const res = await request(app).get("/health");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: "ok" });
    });

    it("answers /ready with 200 when every check passes", async () => {
      const { app: ready } = buildApp({ readiness: { database: async () => undefined } });
      const res = await request(ready).get("/ready");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: "ready", checks: { database: "ok" } });
    });

    it("answers /ready with 503 naming the check that failed", async () => {
      const { app: notReady } = buildApp({
        readiness: {
          database: async () => undefined,
          redis: async () => {
            throw new Error("ECONNREFUSED");
          },
        },
      });
      const res = await request(notReady).get("/ready");
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: "not_ready", checks: { database: "ok", redis: "failed" }, reasons: { redis: "ECONNREFUSED" } });
    });
  });
});

describe("route definitions", () => {
  const options = { service: "t", title: "t", version: "1", basePath: "/api/v1/t", logger: captureLogger().logger };

  it("refuses, at start-up, a token route when the app has no authenticate", () => {
    const { route } = createServiceApp(options);
    expect(() =>
      route({
        method: "get",
        path: "/x",
        summary: "x",
        access: { authenticated: true },
        responses: { 200: { description: "x" } },
        handler: () => null,
      }),
    ).toThrow(/no authenticate/);
  });

  it("refuses an internal route when the app has no internal API key", () => {
    const { route } = createServiceApp(options);
    expect(() =>
      route({ method: "get", path: "/x", summary: "x", access: { internal: true }, responses: {}, handler: () => null }),
    ).toThrow(/no internalApiKey/);
  });

  it("refuses a path parameter without a params schema", () => {
    const { route } = createServiceApp(options);
    expect(() =>
      route({ method: "get", path: "/x/{id}", summary: "x", access: { public: true }, responses: {}, handler: () => null }),
    ).toThrow(/no params schema/);
  });

  it("refuses routes added after finalize()", () => {
    const { route, finalize } = createServiceApp(options);
    finalize();
    expect(() =>
      route({ method: "get", path: "/x", summary: "x", access: { public: true }, responses: {}, handler: () => null }),
    ).toThrow(/after finalize/);
  });
});
