/**
 * Registration, step two: the owner's account exists, so the organization goes live. This is
 * when the rest of the system hears about it (tenant.organization.created). Repeating it is a
 * no-op, so the auth service may retry.
 */
import { appendToOutbox } from "@erp/events";
import { conflict, notFound } from "@erp/http-kit";
import type { TenantDb } from "../../db";
import { OUTBOX_SCHEMA, organizationCreated, serviceActor } from "../../events";
import { moduleRepository } from "../modules/module.repository";
import { subscriptionRepository } from "../subscriptions/subscription.repository";
import { organizationRepository, pendingOrganizationRepository } from "./organization.repository";

export async function activateOrganization(db: TenantDb, organizationId: string) {
  return db.withOrganization(organizationId, async (tx) => {
    const organizations = organizationRepository(tx);
    const current = await organizations.findById(organizationId);
    if (!current) throw notFound("Organization");
    if (current.status === "active") return current;
    if (current.status !== "pending") throw conflict(`A ${current.status} organization cannot be activated`, "INVALID_STATE");

    const organization = await organizations.setStatus(organizationId, "active");
    await pendingOrganizationRepository(tx).remove(organizationId);
    const subscription = await subscriptionRepository(tx).find(organizationId);
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: organizationCreated,
      organizationId,
      aggregateType: "organization",
      aggregateId: organizationId,
      actor: serviceActor,
      data: {
        name: organization.name,
        slug: organization.slug,
        baseCurrency: organization.baseCurrency,
        timezone: organization.timezone,
        status: organization.status,
        planCode: subscription?.planCode ?? "free",
        enabledModules: await moduleRepository(tx).listEnabled(organizationId),
      },
    });
    return organization;
  });
}
