/** The error body of API.md, shared by every service and the gateway. */
import { getRequestContext } from "@erp/logging";
import type { ErrorDetail } from "@erp/errors";
import { z } from "./zod";

export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[]; requestId?: string };
}

/** The API.md error body, with the current request's id; empty details are left out. */
export function errorBody(code: string, message: string, details?: ErrorDetail[]): ErrorBody {
  const requestId = getRequestContext()?.requestId;
  return { error: { code, message, ...(details?.length ? { details } : {}), ...(requestId ? { requestId } : {}) } };
}

/**
 * One problem in `error.details`, and the one shape every validation problem has, imports
 * included: a CSV import names a cell `rows.<row>.<column>` (`csvRowPath`), in its 400, in its 422
 * and in a dry run's report alike.
 */
export const errorDetailSchema = z
  .object({
    path: z
      .string()
      .describe(
        "Where the problem is: a dotted path into the input (`lines.0.quantity`, a query or path parameter's name), " +
          "`rows.<row>.<column>` for a cell of an imported CSV file (the header is row 1), or empty for the input as a whole",
      )
      .openapi({ example: "rows.3.email" }),
    message: z.string().openapi({ example: "Invalid email address" }),
  })
  .openapi("ErrorDetail");

/** The same shape as a schema, for the OpenAPI document; a route documents an error status with it. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "VALIDATION_FAILED" }),
      message: z.string(),
      details: z.array(errorDetailSchema).optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi("Error");
