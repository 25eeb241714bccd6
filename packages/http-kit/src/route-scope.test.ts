import { Writable } from "node:stream";
import { createLogger } from "@erp/logging";
import { invalidState, unprocessable } from "@erp/errors";
import type { RequestHandler } from "express";
import request from "supertest";
import { createServiceApp } from "./create-service-app";
import { z } from "./zod";

const BASE = "/api/v1/shop";
const ORG = "0193a1b2-7c4d-7e00-8000-1234567890ab";

/** `Bearer org:<id>` authenticates user-1 of organization <id> with every permission. */
const fakeAuthenticate: RequestHandler = (req, _res, next) => {
  const organizationId = req.headers.authorization?.replace(/^Bearer org:/, "") ?? "";
  req.principal = { userId: "user-1", organizationId, roles: [], permissions: ["*"], kind: "user" };
  next();
};

function buildApp() {
  const ran: string[] = [];
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const logger = createLogger({ service: "shop", format: "json", level: "debug", destination });
  const service = createServiceApp({ service: "shop", title: "Shop", version: "1", basePath: BASE, logger, authenticate: fakeAuthenticate });
  service.route({
    method: "get",
    path: "/whoami",
    summary: "The caller's scope",
    access: { authenticated: true },
    responses: { 200: { description: "The scope" } },
    handler: ({ scope }) => ({ organizationId: scope.organizationId, actor: scope.actor }),
  });
  service.route({
    method: "get",
    path: "/ping",
    summary: "Reads no scope",
    access: { authenticated: true },
    responses: { 200: { description: "Pong" } },
    handler: () => {
      ran.push("ping");
      return "pong";
    },
  });
  service.route({
    method: "get",
    path: "/public",
    summary: "No principal, no scope",
    access: { public: true },
    responses: { 200: { description: "Whether there is a scope" } },
    handler: ({ scope }) => ({ scope: scope ?? null }),
  });
  service.route({
    method: "post",
    path: "/orders/{id}/ship",
    summary: "Ship an order",
    access: { permission: "shop.order.ship" },
    request: { params: z.object({ id: z.string() }) },
    responses: {
      204: { description: "Shipped" },
      409: { description: "Not in a state that can ship", codes: ["INVALID_STATE"] },
      422: { description: "A business rule refused it", codes: ["OUT_OF_STOCK", "ADDRESS_MISSING"] },
    },
    handler: ({ params }) => {
      if (params.id === "shipped") throw invalidState("The order is already shipped");
      throw unprocessable("OUT_OF_STOCK", "Not enough stock", [{ path: "lines.0", message: "Only 2 left" }]);
    },
  });
  service.finalize();
  return { app: service.app, lines, ran };
}

describe("route() scope", () => {
  const { app, lines } = buildApp();

  test("a route with a principal gets the principal's organization and the principal as actor", async () => {
    const res = await request(app).get(`${BASE}/whoami`).set("Authorization", `Bearer org:${ORG}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ organizationId: ORG, actor: { type: "user", id: "user-1" } });
  });

  test("a public route has no scope", async () => {
    const res = await request(app).get(`${BASE}/public`);
    expect(res.body.data).toEqual({ scope: null });
  });

  test("a principal whose organization id is not a uuid gets no scope: 500, the reason only in the log", async () => {
    const res = await request(app).get(`${BASE}/whoami`).set("Authorization", "Bearer org:org-1");
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain("uuid");
    expect(lines.some((line) => JSON.stringify(line).includes("An organization id must be a uuid"))).toBe(true);
  });
});

test("the scope is built before the handler runs: a route that never reads it refuses such a principal too", async () => {
  const { app, ran } = buildApp();
  const res = await request(app).get(`${BASE}/ping`).set("Authorization", "Bearer org:org-1");
  expect(res.status).toBe(500);
  expect(ran).toEqual([]);
  const ok = await request(app).get(`${BASE}/ping`).set("Authorization", `Bearer org:${ORG}`);
  expect(ok.body.data).toBe("pong");
  expect(ran).toEqual(["ping"]);
});

describe("error codes", () => {
  const { app } = buildApp();

  test("a business rule answers with its own code, status and details", async () => {
    const res = await request(app).post(`${BASE}/orders/o-1/ship`).set("Authorization", `Bearer org:${ORG}`);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "OUT_OF_STOCK", message: "Not enough stock", details: [{ path: "lines.0", message: "Only 2 left" }] });
    const shipped = await request(app).post(`${BASE}/orders/shipped/ship`).set("Authorization", `Bearer org:${ORG}`);
    expect(shipped.status).toBe(409);
    expect(shipped.body.error.code).toBe("INVALID_STATE");
  });

  test("the OpenAPI document lists a response's codes, as an enum and in its description", async () => {
    const doc = (await request(app).get("/openapi.json")).body;
    const responses = doc.paths[`${BASE}/orders/{id}/ship`].post.responses;
    expect(responses["422"].description).toBe("A business rule refused it (`OUT_OF_STOCK`, `ADDRESS_MISSING`)");
    const error = responses["422"].content["application/json"].schema.properties.error;
    expect(error.properties.code).toMatchObject({ type: "string", enum: ["OUT_OF_STOCK", "ADDRESS_MISSING"] });
    expect(error.required).toEqual(expect.arrayContaining(["code", "message"]));
    expect(error.properties.details).toBeDefined();
    expect(responses["409"].content["application/json"].schema.properties.error.properties.code.enum).toEqual(["INVALID_STATE"]);
    expect(responses["204"]).toEqual({ description: "Shipped" });
  });
});
