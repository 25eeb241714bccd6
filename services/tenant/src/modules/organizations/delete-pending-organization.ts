/**
 * Registration's compensation: when the auth service fails after step one, it removes the
 * half-made organization. Only a pending one: a live organization is never deleted this way.
 * Nothing was published for it (the created event is written at activation), so nothing to undo.
 */
import { conflict, notFound } from "@erp/http-kit";
import type { TenantDb } from "../../db";
import { organizationRepository } from "./organization.repository";

export async function deletePendingOrganization(db: TenantDb, organizationId: string): Promise<void> {
  await db.withOrganization(organizationId, async (tx) => {
    const organizations = organizationRepository(tx);
    const current = await organizations.findById(organizationId);
    if (!current) throw notFound("Organization");
    if (current.status !== "pending") throw conflict(`A ${current.status} organization cannot be deleted`, "INVALID_STATE");
    await organizations.deletePending(organizationId);
  });
}
