import { createLogger } from "@erp/logging";
import request from "supertest";
import { createServiceApp } from "./create-service-app";
import { z } from "./zod";

function buildApp() {
  const service = createServiceApp({
    service: "things",
    title: "Things",
    version: "1.0.0",
    basePath: "/api/v1/things",
    logger: createLogger({ service: "things", level: "error", format: "json" }),
    bodyLimit: "1kb",
  });
  service.route({
    method: "post",
    path: "/import",
    summary: "Import CSV",
    access: { public: true },
    request: { body: z.string().min(1), contentType: "text/csv" },
    responses: { 200: { description: "Lines", schema: z.number() } },
    handler: ({ body }) => body.trim().split("\n").length,
  });
  service.route({
    method: "post",
    path: "/things",
    summary: "Create a thing",
    access: { public: true },
    request: { body: z.object({ name: z.string() }) },
    responses: { 200: { description: "Name", schema: z.string() } },
    handler: ({ body }) => body.name,
  });
  service.finalize();
  return service;
}

describe("routes that declare a text/csv body", () => {
  const { app, openApiDocument } = buildApp();

  it("receive the body as a string", async () => {
    const res = await request(app).post("/api/v1/things/import").set("Content-Type", "text/csv; charset=utf-8").send("a,b\n1,2\n");
    expect([res.status, res.body]).toEqual([200, { data: 2 }]);
  });

  it("refuse JSON with 415, and an empty body with 400", async () => {
    expect((await request(app).post("/api/v1/things/import").send({ csv: "a" })).status).toBe(415);
    expect((await request(app).post("/api/v1/things/import").set("Content-Type", "text/csv")).status).toBe(400);
  });

  it("keep their body limit", async () => {
    const res = await request(app).post("/api/v1/things/import").set("Content-Type", "text/csv").send("x".repeat(2048));
    expect(res.status).toBe(413);
  });

  it("do not open other routes to CSV: a JSON route still answers 415", async () => {
    const res = await request(app).post("/api/v1/things/things").set("Content-Type", "text/csv").send("name\nx\n");
    expect([res.status, res.body.error.code]).toEqual([415, "UNSUPPORTED_MEDIA_TYPE"]);
  });

  it("are documented with their content type", () => {
    const doc = openApiDocument() as { paths: Record<string, { post: { requestBody: { content: object } } }> };
    expect(Object.keys(doc.paths["/api/v1/things/import"]?.post.requestBody.content ?? {})).toEqual(["text/csv", "multipart/form-data"]);
  });
});
