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
    request: { body: z.string().min(1).openapi({ example: "code;name\n1;One" }), contentType: "text/csv" },
    responses: { 200: { description: "The text", schema: z.string() } },
    handler: ({ body }) => body,
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

describe("routes that declare a text body also take it as a file uploaded in a form", () => {
  const { app, openApiDocument } = buildApp();
  const csv = "code;name\nä-1;Zürich\n";

  it("read the `file` field of multipart/form-data as the body, other fields ignored", async () => {
    const res = await request(app)
      .post("/api/v1/things/import")
      .field("note", "ignored")
      .attach("file", Buffer.from(csv, "utf8"), { filename: "things.csv", contentType: "text/csv" });
    expect([res.status, res.body]).toEqual([200, { data: csv }]);
  });

  it("refuse a form without the file with 400 naming it, an over-limit file with 413", async () => {
    const missing = await request(app).post("/api/v1/things/import").field("other", "x");
    expect([missing.status, missing.body.error.details]).toEqual([400, [{ path: "file", message: "Required: the uploaded file" }]]);
    const big = await request(app).post("/api/v1/things/import").attach("file", Buffer.alloc(2048, "x"), "big.csv");
    expect([big.status, big.body.error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
  });

  it("a malformed multipart body is a 400", async () => {
    const res = await request(app).post("/api/v1/things/import").set("Content-Type", "multipart/form-data").send("not a form");
    expect(res.status).toBe(400);
  });

  it("JSON routes still refuse a form with 415", async () => {
    const res = await request(app).post("/api/v1/things/things").field("name", "x");
    expect([res.status, res.body.error.code]).toEqual([415, "UNSUPPORTED_MEDIA_TYPE"]);
  });

  it("are documented with a file picker (multipart/form-data, format binary) beside the text type, the text's example as the file's", () => {
    const doc = openApiDocument() as { paths: Record<string, { post: { requestBody: { content: Record<string, { schema: unknown }> } } }> };
    const content = doc.paths["/api/v1/things/import"]?.post.requestBody.content;
    expect(Object.keys(content ?? {})).toEqual(["text/csv", "multipart/form-data"]);
    expect(content?.["text/csv"]?.schema).toMatchObject({ type: "string", example: "code;name\n1;One" });
    expect(content?.["multipart/form-data"]?.schema).toMatchObject({
      type: "object",
      properties: { file: { type: "string", format: "binary" } },
      required: ["file"],
      example: { file: "code;name\n1;One" },
    });
  });
});
