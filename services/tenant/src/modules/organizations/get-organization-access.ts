/** What the gateway needs to let a request through: the status and the enabled modules. */
import { notFound } from "@erp/http-kit";
import type { TenantDb } from "../../db";
import { moduleRepository } from "../modules/module.repository";
import { organizationRepository } from "./organization.repository";

export async function getOrganizationAccess(db: TenantDb, organizationId: string) {
  return db.withOrganization(organizationId, async (tx) => {
    const organization = await organizationRepository(tx).findById(organizationId);
    if (!organization) throw notFound("Organization");
    return { status: organization.status, enabledModules: await moduleRepository(tx).listEnabled(organizationId) };
  });
}
