/**
 * The tenant service's internal API, as registration uses it. Every call has a timeout and
 * carries the request id; failures become the gateway's upstream error codes.
 */
import { AppError } from "@erp/http-kit";
import { getRequestContext } from "@erp/logging";

export interface TenantOrganization {
  id: string;
  name: string;
  slug: string;
  status: string;
}

export interface TenantClientOptions {
  baseUrl: string;
  internalApiKey: string;
  timeoutMs: number;
}

/** Errors the tenant service answers about the caller's input, worth passing on as they are. */
const FORWARDED_STATUSES = new Set([400, 409, 422]);

export class TenantClient {
  constructor(private readonly options: TenantClientOptions) {}

  async createOrganization(input: { id: string; name: string }): Promise<TenantOrganization> {
    return (await this.call("POST", "/internal/organizations", input)) as TenantOrganization;
  }

  async activateOrganization(id: string): Promise<TenantOrganization> {
    return (await this.call("POST", `/internal/organizations/${encodeURIComponent(id)}/activate`)) as TenantOrganization;
  }

  /** Deletes a pending organization; one that never got created (404) is fine. */
  async deleteOrganization(id: string): Promise<void> {
    await this.call("DELETE", `/internal/organizations/${encodeURIComponent(id)}`, undefined, [404]);
  }

  private async call(method: string, path: string, body?: unknown, acceptedErrors: number[] = []): Promise<unknown> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.internalApiKey}`,
      accept: "application/json",
    };
    const requestId = getRequestContext()?.requestId;
    if (requestId) headers["x-request-id"] = requestId;
    if (body !== undefined) headers["content-type"] = "application/json";

    let response: Response;
    try {
      response = await fetch(new URL(path, this.options.baseUrl), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (err) {
      if (err instanceof Error && err.name === "TimeoutError") {
        throw new AppError("UPSTREAM_TIMEOUT", "The tenant service did not answer in time", 504);
      }
      throw new AppError("UPSTREAM_UNAVAILABLE", "The tenant service is unavailable", 503);
    }
    const payload = (await response.json().catch(() => undefined)) as
      | { data?: unknown; error?: { code?: string; message?: string } }
      | undefined;
    if (response.ok || acceptedErrors.includes(response.status)) return payload?.data;
    if (FORWARDED_STATUSES.has(response.status) && payload?.error?.code && payload.error.message) {
      throw new AppError(payload.error.code, payload.error.message, response.status);
    }
    throw new AppError("UPSTREAM_ERROR", `The tenant service answered ${response.status}`, 502);
  }
}
