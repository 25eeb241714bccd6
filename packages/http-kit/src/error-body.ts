/** The error body of API.md, shared by every service and the gateway. */
import { getRequestContext } from "@erp/logging";
import type { ErrorDetail } from "@erp/errors";
import { z } from "./zod";

export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[]; requestId?: string };
}

export function errorBody(code: string, message: string, details?: ErrorDetail[]): ErrorBody {
  const requestId = getRequestContext()?.requestId;
  return { error: { code, message, ...(details?.length ? { details } : {}), ...(requestId ? { requestId } : {}) } };
}

/** The same shape as a schema, for the OpenAPI document. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "VALIDATION_FAILED" }),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi("Error");
