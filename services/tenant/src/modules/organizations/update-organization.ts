/**
 * Edits the scope's organization (name, slug, base currency, time zone); nothing changed writes
 * nothing. The base currency is locked once finance has opened the organization's books.
 */
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA, organizationUpdated } from "../../events";
import type { Organization } from "../../generated/prisma/client";
import { baseCurrencyLocked } from "./organization.errors";
import { organizationRepository, type OrganizationFields } from "./organization.repository";
import { toOrganizationDto, type OrganizationDto, type UpdateOrganizationInput } from "./organization.schemas";

/**
 * @throws AppError 404 NOT_FOUND; 409 BASE_CURRENCY_LOCKED (a base currency change once the books
 *   are opened; nothing is written); a taken slug is the update's unique violation, which the
 *   caller maps (the route: 409 through `inTransaction`'s `conflict`)
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

  let updated: Organization;
  if (changes.baseCurrency === undefined) {
    updated = await organizations.update(organizationId, changes);
  } else {
    if (current.booksOpenedAt) throw baseCurrencyLocked(current.booksCurrency ?? current.baseCurrency, current.booksOpenedAt);
    // Checked again by the update itself: the books may have been opened since the read above.
    const unlocked = await organizations.updateWhileBooksClosed(organizationId, changes);
    if (!unlocked) {
      const locked = await organizations.findById(organizationId);
      if (!locked?.booksOpenedAt) throw notFound("Organization");
      throw baseCurrencyLocked(locked.booksCurrency ?? locked.baseCurrency, locked.booksOpenedAt);
    }
    updated = unlocked;
  }
  await appendOrganizationUpdated(tx, scope, updated, changedFields);
  return toOrganizationDto(updated);
}

/** Writes tenant.organization.updated: the organization's snapshot and the fields that changed. */
export async function appendOrganizationUpdated(tx: Tx, scope: Scope, organization: Organization, changedFields: string[]): Promise<void> {
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: organizationUpdated,
    organizationId: organization.id,
    aggregateType: "organization",
    aggregateId: organization.id,
    actor: scope.actor,
    data: {
      name: organization.name,
      slug: organization.slug,
      baseCurrency: organization.baseCurrency,
      timezone: organization.timezone,
      status: organization.status,
      changedFields,
    },
  });
}
