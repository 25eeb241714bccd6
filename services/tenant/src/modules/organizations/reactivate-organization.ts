/** Operators lift a suspension. */
import { appendToOutbox } from "@erp/events";
import { conflict, notFound } from "@erp/http-kit";
import type { TenantDb } from "../../db";
import { OUTBOX_SCHEMA, organizationReactivated, serviceActor } from "../../events";
import { organizationRepository } from "./organization.repository";

export async function reactivateOrganization(db: TenantDb, organizationId: string) {
  return db.withOrganization(organizationId, async (tx) => {
    const organizations = organizationRepository(tx);
    const current = await organizations.findById(organizationId);
    if (!current) throw notFound("Organization");
    if (current.status !== "suspended") throw conflict(`A ${current.status} organization cannot be reactivated`, "INVALID_STATE");

    const organization = await organizations.setStatus(organizationId, "active");
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: organizationReactivated,
      organizationId,
      aggregateType: "organization",
      aggregateId: organizationId,
      actor: serviceActor,
      data: { status: "active" },
    });
    return organization;
  });
}
