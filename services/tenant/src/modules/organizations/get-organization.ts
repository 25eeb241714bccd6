/** Reads the caller's organization; any other id is "not found", never "forbidden". */
import { notFound } from "@erp/http-kit";
import type { TenantDb } from "../../db";
import { organizationRepository } from "./organization.repository";

export async function getOrganization(db: TenantDb, organizationId: string, requestedId = organizationId) {
  if (requestedId !== organizationId) throw notFound("Organization");
  const organization = await db.withOrganization(organizationId, (tx) => organizationRepository(tx).findById(organizationId));
  if (!organization) throw notFound("Organization");
  return organization;
}
