/**
 * Calls another service's `/internal` API: internal key, request id, timeout. Failures become the
 * upstream error codes of API.md, except the callee's verdicts on the caller's input (400, 409,
 * 422), which are passed on as they are so the original request gets the same answer.
 */
import { getRequestContext } from "@erp/logging";
import { AppError } from "@erp/errors";

export interface InternalClientOptions {
  /** The called service, for error messages: "tenant", "users". */
  service: string;
  baseUrl: string;
  internalApiKey: string;
  timeoutMs: number;
}

export interface InternalCallOptions {
  body?: unknown;
  /** Statuses that are an answer, not an error: the call resolves with `undefined` data. */
  accept?: number[];
}

const FORWARDED_STATUSES = new Set([400, 409, 422]);

export type InternalClient = <T = unknown>(method: string, path: string, options?: InternalCallOptions) => Promise<T | undefined>;

export function createInternalClient(options: InternalClientOptions): InternalClient {
  return async <T>(method: string, path: string, { body, accept = [] }: InternalCallOptions = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${options.internalApiKey}`, accept: "application/json" };
    const requestId = getRequestContext()?.requestId;
    if (requestId) headers["x-request-id"] = requestId;
    if (body !== undefined) headers["content-type"] = "application/json";

    let response: Response;
    try {
      response = await fetch(new URL(path, options.baseUrl), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (err) {
      if (err instanceof Error && err.name === "TimeoutError") {
        throw new AppError("UPSTREAM_TIMEOUT", `The ${options.service} service did not answer in time`, 504);
      }
      throw new AppError("UPSTREAM_UNAVAILABLE", `The ${options.service} service is unavailable`, 503);
    }
    const payload = (await response.json().catch(() => undefined)) as
      | { data?: T; error?: { code?: string; message?: string; details?: { path: string; message: string }[] } }
      | undefined;
    if (accept.includes(response.status)) return undefined;
    if (response.ok) return payload?.data;
    const error = payload?.error;
    if (FORWARDED_STATUSES.has(response.status) && error?.code && error.message) {
      throw new AppError(error.code, error.message, response.status, error.details);
    }
    throw new AppError("UPSTREAM_ERROR", `The ${options.service} service answered ${response.status}`, 502);
  };
}
