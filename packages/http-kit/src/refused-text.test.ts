/**
 * The backstop behind route()'s NUL refusal: text that reaches PostgreSQL some other way (decoded
 * from a field, read from a file's bytes) and is refused there (SQLSTATE 22021 invalid byte
 * sequence, 22P05 untranslatable character) is the client's 400 VALIDATION_FAILED, not a 500.
 */
import { Writable } from "node:stream";
import pg from "pg";
import request from "supertest";
import { createLogger } from "@erp/logging";
import { createTestDatabase } from "@erp/testkit";
import { createServiceApp } from "./create-service-app";
import { toErrorResponse } from "./error-mapping";
import { z } from "./zod";

const BASE = "/api/v1/notes";

/** Each route decodes what it is given and lets PostgreSQL read it, as an import of file bytes would. */
const queries = {
  // A JS string from base64: NUL passes the request's NUL check, which saw only base64.
  text: "SELECT $1::text AS value",
  // Bytes read as UTF-8 in SQL: 0xC3 alone is not UTF-8.
  bytes: "SELECT convert_from(decode($1, 'base64'), 'UTF8') AS value",
  // \u0000 in a jsonb value read as text.
  json: "SELECT ($1::jsonb)->>'note' AS value",
  // Not a text refusal: stays a 500.
  divide: "SELECT 1 / (length($1) - length($1)) AS value",
} as const;

let pool: pg.Pool;
const logged: Record<string, unknown>[] = [];
let app: Parameters<typeof request>[0];

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: await createTestDatabase(), max: 2 });
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logged.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const service = createServiceApp({
    service: "notes",
    title: "Notes",
    version: "1",
    basePath: BASE,
    logger: createLogger({ service: "notes", level: "warn", format: "json", destination }),
  });
  service.route({
    method: "post",
    path: "/notes/{kind}",
    summary: "Store a note given in base64",
    access: { public: true },
    request: { params: z.object({ kind: z.enum(["text", "bytes", "json", "divide"]) }), body: z.object({ base64: z.string() }).strict() },
    responses: { 200: { description: "The note as PostgreSQL read it", schema: z.string() } },
    handler: async ({ params, body }) => {
      const decoded = params.kind === "bytes" ? body.base64 : Buffer.from(body.base64, "base64").toString("utf8");
      const { rows } = await pool.query<{ value: string }>(queries[params.kind], [decoded]);
      return rows[0]!.value;
    },
  });
  service.finalize();
  app = service.app;
});

afterAll(() => pool.end());

const base64 = (value: string | Buffer) => Buffer.from(value).toString("base64");
const post = (kind: string, value: string | Buffer) => request(app).post(`${BASE}/notes/${kind}`).send({ base64: base64(value) });

test.each([
  ["a NUL character in text (22021)", "text", "a\u0000b"],
  ["bytes that are not UTF-8 (22021)", "bytes", Buffer.from([0x61, 0xc3])],
  ["\\u0000 in jsonb read as text (22P05)", "json", JSON.stringify({ note: "a\u0000b" })],
])("%s is a 400 VALIDATION_FAILED, with a warning in the log", async (_name, kind, value) => {
  logged.length = 0;
  const res = await post(kind, value);
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringContaining("cannot be stored") });
  expect(logged).toEqual([expect.objectContaining({ level: "warn", message: expect.stringContaining("validation let through") })]);
});

test("the same routes store good text, and other database errors stay 500", async () => {
  expect((await post("text", "plain")).body.data).toBe("plain");
  expect((await post("bytes", "héllo")).body.data).toBe("héllo");
  logged.length = 0;
  const res = await post("divide", "x");
  expect(res.status).toBe(500);
  expect(res.body.error.code).toBe("INTERNAL");
  expect(logged).toContainEqual(expect.objectContaining({ level: "error", message: expect.stringContaining("failed") }));
});

test("Prisma's form of the refusal (the driver adapter's error under meta) maps the same way", () => {
  // As Prisma 7 with the pg adapter throws it for tx.party.findMany({ where: { legalName: "a\u0000b" } }).
  const prismaError = Object.assign(new Error("Invalid `tx.party.findMany()` invocation"), {
    code: "P2039",
    clientVersion: "7.10.0",
    meta: {
      modelName: "Party",
      driverAdapterError: {
        name: "DriverAdapterError",
        cause: { originalCode: "22021", originalMessage: 'invalid byte sequence for encoding "UTF8": 0x00', kind: "postgres" },
      },
    },
  });
  expect(toErrorResponse(prismaError)).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } }, unexpected: false });
  expect(toErrorResponse(Object.assign(new Error("x"), { code: "22P05" }))).toMatchObject({ status: 400 });
  expect(toErrorResponse(Object.assign(new Error("x"), { code: "22012" }))).toMatchObject({ status: 500, unexpected: true });
});
