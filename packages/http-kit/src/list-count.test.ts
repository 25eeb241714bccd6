import { Writable } from "node:stream";
import { createLogger } from "@erp/logging";
import request from "supertest";
import { createServiceApp } from "./create-service-app";
import { keysetPage, listQuery, listWindow, type ListWindow } from "./list-query";
import { countParameter, paginationQuery, totalIfAsked } from "./pagination";
import { page, pageSchema } from "./responses";
import { z } from "./zod";

const BASE = "/api/v1/things";
const THINGS = ["A", "B", "C", "D", "E"].map((code, index) => ({ id: `0000000${index}`, code, status: index % 2 ? "archived" : "active" }));
type Thing = (typeof THINGS)[number];

/**
 * A stand-in for a table and `keysetFindMany`: the page query, and the count query only when the
 * window asks; `queries` records which ran.
 */
function fakeTable() {
  const queries: string[] = [];
  function fetch(window: ListWindow, status?: string): Thing[] & { total?: number } {
    const matching = THINGS.filter((thing) => !status || thing.status === status);
    queries.push("page");
    const after = window.after;
    const rows: Thing[] & { total?: number } = matching.filter((thing) => !after || thing.code > String(after.value)).slice(0, window.limit + 1);
    if (window.count) {
      queries.push("count");
      rows.total = matching.length;
    }
    return rows;
  }
  return { queries, fetch };
}

function buildApp() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const service = createServiceApp({
    service: "things",
    title: "Things",
    version: "1.0.0",
    basePath: BASE,
    logger: createLogger({ service: "things", level: "error", format: "json", destination }),
  });
  const table = fakeTable();
  const thingDto = z.object({ id: z.string(), code: z.string() });
  const query = listQuery({ sortable: ["code"], defaultSort: "code", filters: { status: z.enum(["active", "archived"]).optional() } });
  service.route({
    method: "get",
    path: "/things",
    summary: "List things",
    access: { public: true },
    request: { query },
    responses: { 200: { description: "A page of things", schema: pageSchema(thingDto) } },
    handler: ({ query: parsed }) => {
      const window = listWindow(parsed);
      return keysetPage(table.fetch(window, parsed.status), window, ({ id, code }) => ({ id, code }));
    },
  });
  service.route({
    method: "get",
    path: "/uncounted",
    summary: "A list whose query does not count yet",
    access: { public: true },
    request: { query },
    responses: { 200: { description: "A page of things", schema: pageSchema(thingDto) } },
    handler: ({ query: parsed }) => {
      const window = listWindow(parsed);
      return keysetPage(THINGS.slice(0, window.limit + 1), window, ({ id, code }) => ({ id, code }));
    },
  });
  // A hand-made list (its own cursor) adopts count with countParameter and totalIfAsked.
  service.route({
    method: "get",
    path: "/hand-made",
    summary: "A hand-made list",
    access: { public: true },
    request: { query: paginationQuery.extend({ count: countParameter }) },
    responses: { 200: { description: "A page of things", schema: pageSchema(thingDto) } },
    handler: async ({ query: parsed }) => {
      const total = await totalIfAsked(parsed.count, async () => {
        table.queries.push("count");
        return THINGS.length;
      });
      return page(THINGS.slice(0, parsed.limit), null, parsed.limit, total);
    },
  });
  service.finalize();
  return { service, table, lines };
}

describe("count=true on a list", () => {
  it("is not counted by default: one query, no page.total", async () => {
    const { service, table } = buildApp();
    const res = await request(service.app).get(`${BASE}/things?limit=2`);
    expect(res.status).toBe(200);
    expect(res.body.page).toEqual({ limit: 2, nextCursor: expect.any(String), hasMore: true });
    expect(table.queries).toEqual(["page"]);
    await request(service.app).get(`${BASE}/things?limit=2&count=false`);
    expect(table.queries).toEqual(["page", "page"]);
  });

  it("adds page.total, the rows matching the filters over all pages, on every page", async () => {
    const { service, table } = buildApp();
    const first = await request(service.app).get(`${BASE}/things?limit=2&count=true&status=active`);
    expect(first.body.page).toEqual({ limit: 2, nextCursor: expect.any(String), hasMore: true, total: 3 });
    expect(first.body.data.map((thing: Thing) => thing.code)).toEqual(["A", "C"]);
    const second = await request(service.app).get(`${BASE}/things?limit=2&count=true&status=active&cursor=${first.body.page.nextCursor}`);
    expect(second.body.page).toEqual({ limit: 2, nextCursor: null, hasMore: false, total: 3 });
    expect(table.queries).toEqual(["page", "count", "page", "count"]);
  });

  it("takes only true or false", async () => {
    const { service } = buildApp();
    const res = await request(service.app).get(`${BASE}/things?count=yes`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(["count"]);
  });

  it("works the same on a hand-made list through countParameter and totalIfAsked", async () => {
    const { service, table } = buildApp();
    expect((await request(service.app).get(`${BASE}/hand-made?limit=2`)).body.page).toEqual({ limit: 2, nextCursor: null, hasMore: false });
    expect(table.queries).toEqual([]);
    expect((await request(service.app).get(`${BASE}/hand-made?limit=2&count=true`)).body.page.total).toBe(5);
    expect(table.queries).toEqual(["count"]);
  });

  it("is a loud bug (500, logged), not a quietly missing total, on a list whose query does not count", async () => {
    const { service, lines } = buildApp();
    expect((await request(service.app).get(`${BASE}/uncounted`)).status).toBe(200);
    const res = await request(service.app).get(`${BASE}/uncounted?count=true`);
    expect(res.status).toBe(500);
    expect(lines.join("")).toContain("keysetFindMany");
  });

  it("is documented: the count query parameter and page.total", () => {
    const { service } = buildApp();
    const doc = service.openApiDocument() as {
      paths: Record<string, { get: { parameters: { name: string; in: string; schema: object }[]; responses: Record<string, { content: Record<string, { schema: unknown }> }> } }>;
    };
    const operation = doc.paths[`${BASE}/things`]!.get;
    expect(operation.parameters.find((p) => p.name === "count")).toMatchObject({
      in: "query",
      schema: { type: "string", enum: ["true", "false"], default: "false" },
    });
    const body = operation.responses["200"]!.content["application/json"]!.schema as { properties: { page: { properties: Record<string, object>; required: string[] } } };
    expect(body.properties.page.properties.total).toMatchObject({ type: "integer", minimum: 0 });
    expect(body.properties.page.required).not.toContain("total");
  });
});
