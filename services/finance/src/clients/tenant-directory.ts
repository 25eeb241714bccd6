/** The tenant service's internal API, as finance asks it for an organization's ledger profile and letterhead. */
import { createInternalClient, type InternalClientOptions } from "@erp/http-kit";
import { postalAddressLines } from "../modules/invoice-pdf/address-lines";
import type { OrganizationDirectory } from "../modules/ledger/organization-directory";

/** The tenant service's answer to `GET /internal/organizations/{id}` and `/settings`. */
export function tenantDirectory(options: Omit<InternalClientOptions, "service">): OrganizationDirectory {
  const call = createInternalClient({ service: "tenant", ...options });
  return {
    async ledgerProfile(organizationId) {
      const id = encodeURIComponent(organizationId);
      const organization = await call<{ baseCurrency: string }>("GET", `/internal/organizations/${id}`, { accept: [404] });
      if (!organization) return null;
      const settings = await call<{ fiscalYearStartMonth?: number }>("GET", `/internal/organizations/${id}/settings`, { accept: [404] });
      return { baseCurrency: organization.baseCurrency, fiscalYearStartMonth: settings?.fiscalYearStartMonth ?? 1 };
    },
    async letterhead(organizationId) {
      const id = encodeURIComponent(organizationId);
      const organization = await call<{ name: string }>("GET", `/internal/organizations/${id}`, { accept: [404] });
      if (!organization) return null;
      const settings = await call<{ address?: unknown; taxId?: string | null }>("GET", `/internal/organizations/${id}/settings`, { accept: [404] });
      return { name: organization.name, addressLines: postalAddressLines(settings?.address), taxId: settings?.taxId ?? null };
    },
  };
}
