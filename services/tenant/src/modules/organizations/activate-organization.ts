/**
 * Registration, step two: the owner's account exists, so the organization goes live. This is
 * when the rest of the system hears about it (tenant.organization.created). Repeating it is a
 * no-op, so the auth service may retry.
 */
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA, organizationCreated } from "../../events";
import { moduleRepository } from "../modules/module.repository";
import { subscriptionRepository } from "../subscriptions/subscription.repository";
import { organizationCannotBe } from "./organization.errors";
import { organizationRepository, pendingOrganizationRepository } from "./organization.repository";
import { toOrganizationDto, type OrganizationDto } from "./organization.schemas";

/** Activates the scope's organization. @throws AppError 404 NOT_FOUND, 409 INVALID_STATE unless pending or active */
export async function activateOrganization(tx: Tx, scope: Scope): Promise<OrganizationDto> {
  const { organizationId } = scope;
  const organizations = organizationRepository(tx);
  const current = await organizations.findById(organizationId);
  if (!current) throw notFound("Organization");
  if (current.status === "active") return toOrganizationDto(current);
  if (current.status !== "pending") throw organizationCannotBe("activated", current.status);
  const organization = await organizations.setStatus(organizationId, "active");
  await pendingOrganizationRepository(tx).remove(organizationId);
  const subscription = await subscriptionRepository(tx).find(organizationId);
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: organizationCreated,
    organizationId,
    aggregateType: "organization",
    aggregateId: organizationId,
    actor: scope.actor,
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
  return toOrganizationDto(organization);
}
