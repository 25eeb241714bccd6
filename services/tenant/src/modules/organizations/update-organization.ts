/** Edits the scope's organization (name, slug, base currency, time zone); nothing changed writes nothing. */
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA, organizationUpdated } from "../../events";
import { organizationRepository, type OrganizationFields } from "./organization.repository";
import { toOrganizationDto, type OrganizationDto, type UpdateOrganizationInput } from "./organization.schemas";

/**
 * @throws AppError 404 NOT_FOUND; a taken slug is the update's unique violation, which the caller
 *   maps (the route: 409 through `inTransaction`'s `conflict`)
 */
export async function updateOrganization(tx: Tx, scope: Scope, input: UpdateOrganizationInput): Promise<OrganizationDto> {
  const { organizationId } = scope;
  const organizations = organizationRepository(tx);
  const current = await organizations.findById(organizationId);
  if (!current) throw notFound("Organization");

  const changes: Partial<OrganizationFields> = {};
  for (const key of ["name", "slug", "baseCurrency", "timezone"] as const) {
    const value = input[key];
    if (value !== undefined && value !== current[key]) changes[key] = value;
  }
  const changedFields = Object.keys(changes);
  if (changedFields.length === 0) return toOrganizationDto(current);

  const updated = await organizations.update(organizationId, changes);
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: organizationUpdated,
    organizationId,
    aggregateType: "organization",
    aggregateId: organizationId,
    actor: scope.actor,
    data: {
      name: updated.name,
      slug: updated.slug,
      baseCurrency: updated.baseCurrency,
      timezone: updated.timezone,
      status: updated.status,
      changedFields,
    },
  });
  return toOrganizationDto(updated);
}
