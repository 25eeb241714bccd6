/**
 * Where finance learns an organization's base currency and fiscal year start when it has not
 * received the tenant's events for it (an organization created before finance existed, whose
 * events the log no longer holds): in production the tenant service (src/clients/tenant-directory.ts).
 */

export interface LedgerProfile {
  baseCurrency: string;
  fiscalYearStartMonth: number;
}

export interface OrganizationDirectory {
  /** The organization's profile, or null when the tenant service has no such organization. */
  ledgerProfile(organizationId: string): Promise<LedgerProfile | null>;
}
