import { createLogger } from "@erp/logging";
import request from "supertest";
import { createServiceApp } from "./create-service-app";
import { listQuery } from "./list-query";
import { paginationQuery } from "./pagination";
import { declaredParameters } from "./unknown-fields";
import { z } from "./zod";

const BASE = "/api/v1/things";

function buildApp() {
  const service = createServiceApp({
    service: "things",
    title: "Things",
    version: "1.0.0",
    basePath: BASE,
    logger: createLogger({ service: "things", level: "error", format: "json" }),
  });
  const handled: string[] = [];
  service.route({
    method: "get",
    path: "/things",
    summary: "List things",
    access: { public: true },
    request: { query: listQuery({ sortable: ["code"], defaultSort: "code", filters: { status: z.enum(["active", "archived"]).optional() } }) },
    responses: { 200: { description: "Things", schema: z.string() } },
    handler: ({ query }) => handled.push(`list ${query.status ?? "any"}`),
  });
  service.route({
    method: "get",
    path: "/piped",
    summary: "A query schema with a transform",
    access: { public: true },
    request: { query: paginationQuery.extend({ from: z.string().optional() }).transform((q) => ({ size: q.limit, from: q.from })) },
    responses: { 200: { description: "Echo", schema: z.string() } },
    handler: ({ query }) => query,
  });
  service.route({
    method: "get",
    path: "/strict",
    summary: "A strict query schema",
    access: { public: true },
    request: { query: z.object({ a: z.string().optional() }).strict() },
    responses: { 200: { description: "Echo", schema: z.string() } },
    handler: ({ query }) => query,
  });
  service.route({
    method: "get",
    path: "/things/{id}",
    summary: "No query schema",
    access: { public: true },
    request: { params: z.object({ id: z.string() }) },
    responses: { 200: { description: "The thing", schema: z.string() } },
    handler: ({ params }) => handled.push(`get ${params.id}`),
  });
  service.route({
    method: "post",
    path: "/things",
    summary: "A body, no query schema",
    access: { public: true },
    request: { body: z.object({ name: z.string() }) },
    responses: { 200: { description: "Created", schema: z.string() } },
    handler: ({ body }) => handled.push(`create ${body.name}`),
  });
  service.finalize();
  return { app: service.app, handled };
}

function expectUnknown(res: request.Response, names: string[]) {
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", message: "Query parameters are invalid" });
  expect(res.body.error.details).toEqual(names.map((path) => ({ path, message: "Unknown parameter" })));
}

describe("query parameters a route does not declare", () => {
  it("are refused with 400 naming each one, and the handler never runs", async () => {
    const { app, handled } = buildApp();
    // GET /customers?currency=EUR used to answer every customer, a quietly wrong answer.
    expectUnknown(await request(app).get(`${BASE}/things?status=active&currency=EUR&Status=x`), ["currency", "Status"]);
    expect(handled).toEqual([]);
  });

  it("leave the declared ones working", async () => {
    const { app, handled } = buildApp();
    const res = await request(app).get(`${BASE}/things?status=archived&limit=5&sort=-code&q=ab`);
    expect(res.status).toBe(200);
    expect(handled).toEqual(["list archived"]);
  });

  it("are refused on a route that declares no query at all, whatever the method", async () => {
    const { app, handled } = buildApp();
    expectUnknown(await request(app).get(`${BASE}/things/1?expand=all`), ["expand"]);
    expectUnknown(await request(app).post(`${BASE}/things?dryRun=true`).send({ name: "x" }), ["dryRun"]);
    expect(handled).toEqual([]);
    expect((await request(app).get(`${BASE}/things/1`)).status).toBe(200);
  });

  it("are read from the input side of a piped schema, and a strict schema says the same", async () => {
    const { app } = buildApp();
    const piped = await request(app).get(`${BASE}/piped?limit=3&from=x`);
    expect([piped.status, piped.body]).toEqual([200, { data: { size: 3, from: "x" } }]);
    expectUnknown(await request(app).get(`${BASE}/piped?size=3`), ["size"]);
    expectUnknown(await request(app).get(`${BASE}/strict?a=1&b=2`), ["b"]);
  });
});

describe("declaredParameters", () => {
  it("admits anything only when the schema itself does", () => {
    expect(declaredParameters(z.looseObject({ a: z.string() }))).toBe("any");
    expect(declaredParameters(z.object({ a: z.string() }).catchall(z.string()))).toBe("any");
    expect([...(declaredParameters(z.object({ a: z.string() }).strict()) as Set<string>)]).toEqual(["a"]);
    expect([...(declaredParameters(undefined) as Set<string>)]).toEqual([]);
  });

  it("refuses to guess for a schema that is not an object", () => {
    expect(() => declaredParameters(z.string())).toThrow(/must be objects/);
  });
});
