/** Operators stop an active organization (the gateway then refuses its requests). */
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA, organizationSuspended } from "../../events";
import { organizationCannotBe } from "./organization.errors";
import { organizationRepository } from "./organization.repository";
import { toOrganizationDto, type OrganizationDto } from "./organization.schemas";

/** Suspends the scope's organization. @throws AppError 404 NOT_FOUND, 409 INVALID_STATE unless active */
export async function suspendOrganization(tx: Tx, scope: Scope): Promise<OrganizationDto> {
  const { organizationId } = scope;
  const organizations = organizationRepository(tx);
  const current = await organizations.findById(organizationId);
  if (!current) throw notFound("Organization");
  if (current.status !== "active") throw organizationCannotBe("suspended", current.status);
  const organization = await organizations.setStatus(organizationId, "suspended");
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: organizationSuspended,
    organizationId,
    aggregateType: "organization",
    aggregateId: organizationId,
    actor: scope.actor,
    data: { status: "suspended" },
  });
  return toOrganizationDto(organization);
}
