/**
 * A transaction that waited past its limit for a connection, or ran past its timeout (Prisma's
 * P2028, see @erp/db's DEFAULT_TRANSACTION_OPTIONS), is an overloaded service, not a bug the client
 * should read as 500: 503 SERVICE_BUSY, retryable, logged as a warning. The error's shape is the one
 * packages/db/test/in-transaction.test.ts gets from a real Prisma Client.
 */
import { toErrorResponse } from "./error-mapping";

const prismaError = (code: string) => Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code, clientVersion: "7.10.0" });

it("answers P2028 with 503 SERVICE_BUSY and a warning, without the driver's message", () => {
  const response = toErrorResponse(prismaError("P2028"));
  expect(response.status).toBe(503);
  expect(response.body.error.code).toBe("SERVICE_BUSY");
  expect(JSON.stringify(response.body)).not.toMatch(/Transaction API/);
  expect(response.warning).toMatch(/P2028/);
});

it("leaves other Prisma errors and look-alikes without a client version alone", () => {
  expect(toErrorResponse(prismaError("P2034")).status).toBe(500);
  expect(toErrorResponse(Object.assign(new Error("x"), { code: "P2028" })).status).toBe(500);
});
