/**
 * The tenant app from its descriptor (@erp/testkit's startServiceTestApp: a fresh database, a test
 * token issuer), with helpers to set organizations up through the internal API.
 */
import { uuidv7 } from "@erp/db";
import { apiClient, startServiceTestApp, TEST_INTERNAL_API_KEY } from "@erp/testkit";
import { allPermissions } from "../src/permissions";
import { tenantService } from "../src/service";

export const INTERNAL_API_KEY = TEST_INTERNAL_API_KEY;
export type { OutboxRow } from "@erp/testkit";

export async function startTenantTestApp() {
  const t = await startServiceTestApp(tenantService, { permissions: allPermissions });

  /** A token for a user of `organizationId`; every tenant permission unless told otherwise. */
  const token = (organizationId: string, permissions: string[] = allPermissions) => t.token(organizationId, permissions, { roles: ["owner"] });

  /** A registered, active organization, as the auth service would leave it. */
  async function createActiveOrganization(name = "Acme Trading", extra: object = {}) {
    const id = uuidv7();
    const created = await t.internal.post("/organizations", { id, name, ...extra });
    if (created.status !== 201) throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
    const activated = await t.internal.post(`/organizations/${id}/activate`);
    if (activated.status !== 200) throw new Error(`activate failed: ${activated.status}`);
    return { id, token: token(id) };
  }

  return { ...t, token, createActiveOrganization };
}

export type TenantTestApp = Awaited<ReturnType<typeof startTenantTestApp>>;

/** Sends a request with a bearer token. */
export const as = (app: TenantTestApp["app"], bearer: string) => apiClient(app, tenantService.basePath, bearer);
