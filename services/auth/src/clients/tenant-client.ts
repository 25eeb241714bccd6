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

  /** Deletes a pending organization; one that never got created (404) is fine. */
  async deleteOrganization(id: string): Promise<void> {
    await this.call("DELETE", `/internal/organizations/${encodeURIComponent(id)}`, { accept: [404] });
  }
}
