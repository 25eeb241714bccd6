/**
 * The finance app from its descriptor (@erp/testkit's startServiceTestApp: a fresh database, a test
 * token issuer), with a stand-in for the tenant service's answers: every organization's base
 * currency is EUR with a January fiscal year unless a test says otherwise. Organizations are ids.
 */
import { verifiedAccessTokens } from "@erp/service-kit";
import { startServiceTestApp, TEST_INTERNAL_API_KEY, type ApiClient } from "@erp/testkit";
import { createApp } from "../src/app";
import type { LedgerProfile, Letterhead } from "../src/modules/ledger/organization-directory";
import { allPermissions } from "../src/permissions";
import { financeService } from "../src/service";

export const INTERNAL_API_KEY = TEST_INTERNAL_API_KEY;
export type { OutboxRow } from "@erp/testkit";
export type Api = ApiClient;
/** Every organization's name as the stand-in tenant service answers it (printed documents' letterhead). */
export const TEST_ORGANIZATION_NAME = "Finance Test Organization";
/** Its postal address as printed lines, and its tax id (the tenant's settings). */
export const TEST_ORGANIZATION_ADDRESS = ["Friedrichstrasse 100", "10117 Berlin", "DE"];
export const TEST_ORGANIZATION_TAX_ID = "DE999999999";

/** `poolMax`: the database pool's size (DB_POOL_MAX, default 10). */
export async function startFinanceTestApp(options: { poolMax?: number } = {}) {
  /** What the stand-in tenant service answers; organizations not listed have EUR and a January year (null: unknown). */
  const profiles = new Map<string, LedgerProfile | null>();
  /** The stand-in's letterhead per organization; organizations not listed have the TEST_ORGANIZATION_ one. */
  const letterheads = new Map<string, Letterhead>();
  const directoryCalls: string[] = [];
  const t = await startServiceTestApp(financeService, {
    permissions: allPermissions,
    env: options.poolMax === undefined ? {} : { DB_POOL_MAX: String(options.poolMax) },
    createApp: (context) =>
      createApp({
        ...context,
        authenticate: verifiedAccessTokens(context),
        directory: {
          ledgerProfile: async (organizationId) => {
            directoryCalls.push(organizationId);
            const profile = profiles.get(organizationId);
            return profile === undefined ? { baseCurrency: "EUR", fiscalYearStartMonth: 1 } : profile;
          },
          letterhead: async (organizationId) =>
            profiles.get(organizationId) === null
              ? null
              : (letterheads.get(organizationId) ?? { name: TEST_ORGANIZATION_NAME, addressLines: TEST_ORGANIZATION_ADDRESS, taxId: TEST_ORGANIZATION_TAX_ID }),
        },
      }),
  });

  /** A new organization (its ledger is set up on its first request) with an owner token and its api; `profile`: what the tenant service says of it. */
  function organization(profile?: LedgerProfile) {
    const created = t.organization();
    if (profile) profiles.set(created.id, profile);
    return created;
  }

  /** The organization's account with `code` (from the default chart), as the API shows it. */
  async function account(client: Api, code: string): Promise<{ id: string; code: string; [key: string]: unknown }> {
    const res = await client.get(`/accounts?q=${encodeURIComponent(code)}&limit=200`);
    const found = (res.body.data as { id: string; code: string }[] | undefined)?.find((a) => a.code === code);
    if (!found) throw new Error(`no account ${code}: ${res.status} ${JSON.stringify(res.body)}`);
    return found;
  }

  return { ...t, routes: t.service.routes, ledger: t.service.ledger, profiles, letterheads, directoryCalls, organization, account };
}

export type FinanceTestApp = Awaited<ReturnType<typeof startFinanceTestApp>>;
