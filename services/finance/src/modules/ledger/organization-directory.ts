/**
 * Where finance learns an organization's base currency and fiscal year start when it has not
 * received the tenant's events for it (an organization created before finance existed, whose
 * events the log no longer holds): in production the tenant service (src/clients/tenant-directory.ts).
 * Printed documents ask it for the organization's name too.
 */

export interface LedgerProfile {
  baseCurrency: string;
  fiscalYearStartMonth: number;
}

/**
 * What a printed document says of the organization issuing it: its name, and its postal address
 * (as printed lines) and tax id from the tenant's settings, when the organization gave them.
 */
export interface Letterhead {
  name: string;
  /** Top to bottom (see `postalAddressLines`); empty when the organization gave no address. */
  addressLines: string[];
  taxId: string | null;
}

export interface OrganizationDirectory {
  /** The organization's profile, or null when the tenant service has no such organization. */
  ledgerProfile(organizationId: string): Promise<LedgerProfile | null>;
  /** The organization's letterhead (asked each time a document is printed), or null when the tenant service has no such organization. */
  letterhead(organizationId: string): Promise<Letterhead | null>;
}
