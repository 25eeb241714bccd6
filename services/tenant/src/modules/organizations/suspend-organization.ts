/** Operators stop an active organization (the gateway then refuses its requests). */
import { appendToOutbox } from "@erp/events";
import { conflict, notFound } from "@erp/http-kit";
import type { TenantDb } from "../../db";
import { OUTBOX_SCHEMA, organizationSuspended, serviceActor } from "../../events";
import { organizationRepository } from "./organization.repository";

export async function suspendOrganization(db: TenantDb, organizationId: string) {
  return db.withOrganization(organizationId, async (tx) => {
    const organizations = organizationRepository(tx);
    const current = await organizations.findById(organizationId);
    if (!current) throw notFound("Organization");
    if (current.status !== "active") throw conflict(`A ${current.status} organization cannot be suspended`, "INVALID_STATE");

    const organization = await organizations.setStatus(organizationId, "suspended");
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: organizationSuspended,
      organizationId,
      aggregateType: "organization",
      aggregateId: organizationId,
      actor: serviceActor,
      data: { status: "suspended" },
    });
    return organization;
  });
}
