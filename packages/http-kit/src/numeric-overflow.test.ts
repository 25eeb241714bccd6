/**
 * A number PostgreSQL cannot store in its column (SQLSTATE 22003, Prisma's P2020) is the client's
 * 400 VALIDATION_FAILED, not a 500 (QA: a stock receipt whose value overflowed numeric(24, 4)),
 * with a warning that validation let it through. Other database errors stay 500.
 */
import { Writable } from "node:stream";
import pg from "pg";
import request from "supertest";
import { createLogger } from "@erp/logging";
import { createTestDatabase } from "@erp/testkit";
import { createServiceApp } from "./create-service-app";
import { toErrorResponse } from "./error-mapping";
import { z } from "./zod";

const BASE = "/api/v1/stock";
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
    service: "stock",
    title: "Stock",
    version: "1",
    basePath: BASE,
    logger: createLogger({ service: "stock", level: "warn", format: "json", destination }),
  });
  service.route({
    method: "post",
    path: "/values",
    summary: "A value as numeric(24, 4): quantity times cost, as a running stock value",
    access: { public: true },
    request: { body: z.object({ quantity: z.string(), cost: z.string() }).strict() },
    responses: { 200: { description: "The value", schema: z.string() } },
    handler: async ({ body }) => {
      const { rows } = await pool.query<{ value: string }>("SELECT ($1::numeric * $2::numeric)::numeric(24, 4)::text AS value", [body.quantity, body.cost]);
      return rows[0]!.value;
    },
  });
  service.finalize();
  app = service.app;
});

afterAll(() => pool.end());

const post = (quantity: string, cost: string) => request(app).post(`${BASE}/values`).send({ quantity, cost });

test("a result over its numeric column is a 400 VALIDATION_FAILED, a value that fits is stored", async () => {
  expect((await post("3", "2.5")).body.data).toBe("7.5000");
  logged.length = 0;
  const res = await post("999999999999999", "99999999999999.9999");
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringContaining("too large") });
  expect(logged).toEqual([expect.objectContaining({ level: "warn", message: expect.stringContaining("validation let through") })]);
  logged.length = 0;
  // Not an overflow (22P02 invalid input): stays a 500, logged as an error.
  expect((await post("1", "x")).status).toBe(500);
  expect(logged).toContainEqual(expect.objectContaining({ level: "error" }));
});

test("Prisma's form (P2020 with the adapter's 22003) and a plain pg error map the same way", () => {
  // As Prisma 7 with the pg adapter throws it for tx.stockLevel.update() of an overflowing value.
  const prismaError = Object.assign(new Error("Value out of range for the type: numeric field overflow"), {
    code: "P2020",
    clientVersion: "7.10.1",
    meta: { modelName: "StockLevel", driverAdapterError: { name: "DriverAdapterError", cause: { originalCode: "22003", kind: "ValueOutOfRange" } } },
  });
  expect(toErrorResponse(prismaError)).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } }, unexpected: false, warning: expect.any(String) });
  expect(toErrorResponse(Object.assign(new Error("numeric field overflow"), { code: "22003" }))).toMatchObject({ status: 400 });
  expect(toErrorResponse(Object.assign(new Error("x"), { code: "22012" }))).toMatchObject({ status: 500, unexpected: true });
});
