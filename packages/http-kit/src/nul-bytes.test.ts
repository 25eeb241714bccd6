import { Writable } from "node:stream";
import { AppError } from "@erp/errors";
import { createLogger } from "@erp/logging";
import request from "supertest";
import { createServiceApp } from "./create-service-app";
import { csvNulCharacters, LONE_SURROGATE_MESSAGE, NUL_MESSAGE } from "./nul-bytes";
import { z } from "./zod";

const BASE = "/api/v1/things";

function buildApp() {
  const logged: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logged.push(String(chunk));
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
  const handled: string[] = [];
  const { route } = service;
  route({
    method: "get",
    path: "/things",
    summary: "List things",
    access: { public: true },
    request: { query: z.object({ q: z.string().optional(), tag: z.string().optional() }) },
    responses: { 200: { description: "The search", schema: z.string() } },
    handler: ({ query }) => handled.push(`list ${query.q}`),
  });
  route({
    method: "get",
    path: "/things/export.csv",
    summary: "Export things",
    access: { public: true },
    request: { query: z.object({ q: z.string().optional() }) },
    responses: { 200: { description: "CSV", schema: z.string(), contentType: "text/csv" } },
    handler: ({ query, res }) => {
      handled.push("export");
      // Like an export whose query fails after it chose its type and file name.
      res.type("text/csv").attachment("things.csv");
      if (query.q === "refused") throw new AppError("UNPROCESSABLE", "Refused", 422);
      if (query.q === "broken") throw new Error("database went away");
      res.send("code\nA-1\n");
    },
  });
  route({
    method: "get",
    path: "/things/{code}",
    summary: "One thing",
    access: { public: true },
    request: { params: z.object({ code: z.string() }) },
    responses: { 200: { description: "The thing", schema: z.string() } },
    handler: ({ params }) => handled.push(`get ${params.code}`),
  });
  route({
    method: "post",
    path: "/things",
    summary: "Create a thing",
    access: { public: true },
    request: {
      body: z.object({
        name: z.string(),
        lines: z.array(z.object({ note: z.string(), tags: z.array(z.string()).optional() })),
      }),
    },
    responses: { 200: { description: "Created", schema: z.string() } },
    handler: ({ body }) => handled.push(`create ${body.name}`),
  });
  route({
    method: "post",
    path: "/things/import",
    summary: "Import things",
    access: { public: true },
    request: { body: z.string().min(1), contentType: "text/csv" },
    responses: { 200: { description: "Imported", schema: z.string() } },
    handler: () => handled.push("import"),
  });
  service.finalize();
  return { app: service.app, handled, logged };
}

function expectRefused(res: request.Response, details: { path: string; message: string }[]) {
  expect(res.status).toBe(400);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  expect(res.body.error.code).toBe("VALIDATION_FAILED");
  expect(res.body.error.details).toEqual(details);
}

describe("a NUL character (U+0000) in anything a client sends", () => {
  const nul = [{ message: NUL_MESSAGE }];

  it("in the query is a 400 naming the parameter, and the handler never runs", async () => {
    const { app, handled } = buildApp();
    const res = await request(app).get(`${BASE}/things?tag=ok&q=a%00b`);
    expectRefused(res, [{ path: "q", ...nul[0]! }]);
    expect(res.body.error.message).toBe("Query parameters are invalid");
    expect(handled).toEqual([]);
    // The same query without the NUL is served.
    expect((await request(app).get(`${BASE}/things?tag=ok&q=ab`)).status).toBe(200);
    expect(handled).toEqual(["list ab"]);
  });

  it("in a repeated query parameter names the occurrence", async () => {
    const { app } = buildApp();
    expectRefused(await request(app).get(`${BASE}/things?tag=a&tag=%00`), [{ path: "tag.1", message: NUL_MESSAGE }]);
  });

  it("in a path parameter is a 400 naming the parameter", async () => {
    const { app, handled } = buildApp();
    const res = await request(app).get(`${BASE}/things/A%001`);
    expectRefused(res, [{ path: "code", message: NUL_MESSAGE }]);
    expect(res.body.error.message).toBe("Path parameters are invalid");
    expect(handled).toEqual([]);
  });

  it("in a JSON body, at any depth and in keys, is a 400 naming each field; nothing is created", async () => {
    const { app, handled } = buildApp();
    const res = await request(app)
      .post(`${BASE}/things`)
      .send({ name: "ok", lines: [{ note: "fine" }, { note: "x\u0000", tags: ["a", "\u0000b"] }], ["ba\u0000d"]: 1 });
    expectRefused(res, [
      { path: "lines.1.note", message: NUL_MESSAGE },
      { path: "lines.1.tags.1", message: NUL_MESSAGE },
      { path: "ba\\u0000d", message: NUL_MESSAGE },
    ]);
    expect(res.body.error.message).toBe("Request body is invalid");
    expect(handled).toEqual([]);
  });

  it("a lone UTF-16 surrogate in a JSON body (value or key) is a 400 too; a surrogate pair (an emoji) is text", async () => {
    const { app, handled } = buildApp();
    const res = await request(app)
      .post(`${BASE}/things`)
      .send({ name: "ok \ud83d\ude00", lines: [{ note: "high \ud800" }, { note: "\udc00 low" }], ["k\ud83d"]: 1 });
    expectRefused(res, [
      { path: "lines.0.note", message: LONE_SURROGATE_MESSAGE },
      { path: "lines.1.note", message: LONE_SURROGATE_MESSAGE },
      { path: "k\\ud83d", message: LONE_SURROGATE_MESSAGE },
    ]);
    expect(handled).toEqual([]);
  });

  it("in a CSV body is a 400 naming the row and column, as import errors do; nothing is imported", async () => {
    const { app, handled } = buildApp();
    const csv = 'code,name\r\nA-1,"Acme, ""the"" first"\r\n\r\nA-2,"two\nlines"\r\nA-3,Bad\u0000name\r\n';
    const res = await request(app).post(`${BASE}/things/import`).set("Content-Type", "text/csv").send(csv);
    expectRefused(res, [{ path: "rows.4.name", message: NUL_MESSAGE }]);
    expect(handled).toEqual([]);
  });

  it("on a CSV export route is answered in JSON, not in the route's text/csv", async () => {
    const { app, handled } = buildApp();
    const res = await request(app).get(`${BASE}/things/export.csv?q=a%00b`);
    expectRefused(res, [{ path: "q", message: NUL_MESSAGE }]);
    expect(res.headers["content-disposition"]).toBeUndefined();
    expect(handled).toEqual([]);
  });
});

describe("errors of a route whose success is not JSON", () => {
  it("are JSON even after the handler chose text/csv and a file name", async () => {
    const { app, logged } = buildApp();
    const refused = await request(app).get(`${BASE}/things/export.csv?q=refused`);
    expect(refused.status).toBe(422);
    expect(refused.headers["content-type"]).toMatch(/^application\/json/);
    expect(refused.headers["content-disposition"]).toBeUndefined();
    expect(refused.body).toEqual({ error: { code: "UNPROCESSABLE", message: "Refused", requestId: expect.any(String) } });
    expect(logged).toEqual([]);

    const broken = await request(app).get(`${BASE}/things/export.csv?q=broken`);
    expect(broken.status).toBe(500);
    expect(broken.headers["content-type"]).toMatch(/^application\/json/);
    expect(broken.body.error).toEqual({ code: "INTERNAL", message: "Internal server error", requestId: expect.any(String) });
    // The unexpected failure is logged (here, captured) with its cause.
    expect(logged.join("")).toContain("database went away");
  });

  it("leave the success answer as the route made it", async () => {
    const { app } = buildApp();
    const res = await request(app).get(`${BASE}/things/export.csv`);
    expect([res.status, res.headers["content-type"], res.text]).toEqual([200, "text/csv; charset=utf-8", "code\nA-1\n"]);
  });
});

describe("csvNulCharacters", () => {
  it("finds nothing in a clean file, and names the header by its column", () => {
    expect(csvNulCharacters("a,b\n1,2\n")).toEqual([]);
    expect(csvNulCharacters("a,b\u0000\n1,2\n")).toEqual([{ path: "rows.1", message: `${NUL_MESSAGE} (header column 2)` }]);
  });

  it("reads the header's delimiter (semicolon, tab) and skips a byte order mark", () => {
    expect(csvNulCharacters("\uFEFFcode;name\nA;B\u0000\n")).toEqual([{ path: "rows.2.name", message: NUL_MESSAGE }]);
    expect(csvNulCharacters("code\tname\nA\u0000\tB\n")).toEqual([{ path: "rows.2.code", message: NUL_MESSAGE }]);
  });

  it("names a cell beyond the header by its position", () => {
    expect(csvNulCharacters("code\nA,\u0000\n")).toEqual([{ path: "rows.2.2", message: NUL_MESSAGE }]);
  });
});
