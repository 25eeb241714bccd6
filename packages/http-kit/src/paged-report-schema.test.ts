import { Writable } from "node:stream";
import { createLogger } from "@erp/logging";
import request from "supertest";
import { createServiceApp } from "./create-service-app";
import { pagedReportSchema } from "./responses";
import { z } from "./zod";

const BASE = "/api/v1/reports";

/** A report whose rows are paged inside `data`, answered the way finance's general ledger answers. */
function buildApp() {
  const service = createServiceApp({
    service: "reports",
    title: "Reports",
    version: "1.0.0",
    basePath: BASE,
    logger: createLogger({ service: "reports", level: "error", format: "json", destination: new Writable({ write: (_c, _e, done) => done() }) }),
  });
  const report = z.object({ opening: z.string(), lines: z.array(z.object({ amount: z.string() })) });
  service.route({
    method: "get",
    path: "/ledger",
    summary: "A paged report",
    access: { public: true },
    responses: { 200: { description: "One page of the report's lines", schema: pagedReportSchema(report) } },
    handler: ({ res }) => {
      res.json({ data: { opening: "0.00", lines: [{ amount: "1.00" }] }, page: { limit: 1, nextCursor: "next", hasMore: true } });
      return undefined;
    },
  });
  return service.app;
}

interface SchemaObject {
  $ref?: string;
  properties?: Record<string, SchemaObject>;
}

describe("pagedReportSchema", () => {
  it("is documented as is: the report in data, the cursor in page beside it, no total (count is not offered)", async () => {
    const app = buildApp();
    const document = (await request(app).get("/openapi.json")).body as {
      paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: SchemaObject }> }> } }>;
      components?: { schemas?: Record<string, SchemaObject> };
    };
    const resolve = (schema: SchemaObject | undefined): SchemaObject | undefined =>
      schema?.$ref ? resolve(document.components?.schemas?.[schema.$ref.replace("#/components/schemas/", "")]) : schema;
    const body = resolve(document.paths[`${BASE}/ledger`]!.get.responses["200"]!.content["application/json"]!.schema);
    expect(Object.keys(body?.properties ?? {}).sort()).toEqual(["data", "page"]);
    expect(Object.keys(resolve(body?.properties?.data)?.properties ?? {}).sort()).toEqual(["lines", "opening"]);
    expect(Object.keys(resolve(body?.properties?.page)?.properties ?? {}).sort()).toEqual(["hasMore", "limit", "nextCursor"]);

    const answer = await request(app).get(`${BASE}/ledger`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { opening: "0.00", lines: [{ amount: "1.00" }] }, page: { limit: 1, nextCursor: "next", hasMore: true } });
  });
});
