/** The tenant service's internal API, as registration uses it. */
import { createInternalClient, type InternalClientOptions } from "@erp/http-kit";

export interface TenantOrganization {
  id: string;
  name: string;
  slug: string;
  status: string;
}

export class TenantClient {
  private readonly call;

  constructor(options: Omit<InternalClientOptions, "service">) {
    this.call = createInternalClient({ service: "tenant", ...options });
  }

  async createOrganization(input: { id: string; name: string }): Promise<TenantOrganization> {
    return (await this.call<TenantOrganization>("POST", "/internal/organizations", { body: input }))!;
  }

  async activateOrganization(id: string): Promise<TenantOrganization> {
    return (await this.call<TenantOrganization>("POST", `/internal/organizations/${encodeURIComponent(id)}/activate`))!;
  }

  /** The organization's status, or null when tenant has no such organization. */
  async organizationStatus(id: string): Promise<string | null> {
    const access = await this.call<{ status: string }>("GET", `/internal/organizations/${encodeURIComponent(id)}/access`, { accept: [404] });
    return access?.status ?? null;
  }

  /** Suspends an active organization (an orphan the reconciler could not complete). */
  async suspendOrganization(id: string): Promise<void> {
    await this.call("POST", `/internal/organizations/${encodeURIComponent(id)}/suspend`);
  }

  /** Deletes a pending organization; one that never got created (404) is fine. */
  async deleteOrganization(id: string): Promise<void> {
    await this.call("DELETE", `/internal/organizations/${encodeURIComponent(id)}`, { accept: [404] });
  }
}
