/**
 * `?q=` is what a search box sends before anything is typed: an empty (or blank) `q` lists
 * everything instead of answering 400 "Too small" (QA). Through a real route, as clients call it.
 */
import { createLogger } from "@erp/logging";
import request from "supertest";
import { createServiceApp } from "./create-service-app";
import { listQuery, searchParameter } from "./list-query";
import { z } from "./zod";

const BASE = "/api/v1/things";
const seen: unknown[] = [];

const service = createServiceApp({
  service: "things",
  title: "Things",
  version: "1.0.0",
  basePath: BASE,
  logger: createLogger({ service: "things", level: "error", format: "json" }),
});
service.route({
  method: "get",
  path: "/things",
  summary: "List things",
  access: { public: true },
  request: { query: listQuery({ sortable: ["code"], defaultSort: "code", filters: {} }) },
  responses: { 200: { description: "The query as parsed", schema: z.string() } },
  handler: ({ query }) => {
    seen.push(query);
    return "q" in query && query.q !== undefined ? query.q : "no filter";
  },
});
service.finalize();

const list = (q: string) => request(service.app).get(`${BASE}/things`).query({ q });

test.each([
  ["empty", ""],
  ["blank", "   "],
])("an %s q means no filter", async (_name, q) => {
  seen.length = 0;
  const res = await list(q);
  expect(res.status).toBe(200);
  expect(res.body.data).toBe("no filter");
  expect(seen).toEqual([{ limit: 50, sort: "code", count: false }]);
});

test("a q with text is trimmed, and over 200 characters is still a 400", async () => {
  expect((await list("  acme ")).body.data).toBe("acme");
  const res = await list("x".repeat(201));
  expect(res.status).toBe(400);
  expect(res.body.error.details).toEqual([{ path: "q", message: expect.stringContaining("200") }]);
});

test("lists with their own query schema use the same parameter, documented as an optional string", () => {
  expect(searchParameter.parse("")).toBeUndefined();
  expect(searchParameter.parse(undefined)).toBeUndefined();
  type Doc = { paths: Record<string, { get?: { parameters?: { name: string; required?: boolean; schema?: unknown }[] } }> };
  const parameters = (service.openApiDocument() as Doc).paths[`${BASE}/things`]?.get?.parameters ?? [];
  expect(parameters.find((p) => p.name === "q")).toMatchObject({ required: false, schema: { type: "string", maxLength: 200 } });
});
