/** Operators lift a suspension. */
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA, organizationReactivated } from "../../events";
import { organizationCannotBe } from "./organization.errors";
import { organizationRepository } from "./organization.repository";
import { toOrganizationDto, type OrganizationDto } from "./organization.schemas";

/** Reactivates the scope's organization. @throws AppError 404 NOT_FOUND, 409 INVALID_STATE unless suspended */
export async function reactivateOrganization(tx: Tx, scope: Scope): Promise<OrganizationDto> {
  const { organizationId } = scope;
  const organizations = organizationRepository(tx);
  const current = await organizations.findById(organizationId);
  if (!current) throw notFound("Organization");
  if (current.status !== "suspended") throw organizationCannotBe("reactivated", current.status);
  const organization = await organizations.setStatus(organizationId, "active");
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: organizationReactivated,
    organizationId,
    aggregateType: "organization",
    aggregateId: organizationId,
    actor: scope.actor,
    data: { status: "active" },
  });
  return toOrganizationDto(organization);
}
