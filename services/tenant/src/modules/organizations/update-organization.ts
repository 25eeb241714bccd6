/** Edits the caller's organization (name, slug, base currency, time zone). */
import type { Actor } from "@erp/events";
import { appendToOutbox } from "@erp/events";
import { conflict, notFound } from "@erp/http-kit";
import { isUniqueViolation } from "@erp/db";
import type { TenantDb } from "../../db";
import { OUTBOX_SCHEMA, organizationUpdated } from "../../events";
import { organizationRepository, type OrganizationFields } from "./organization.repository";
import type { UpdateOrganizationInput } from "./organization.schemas";

export async function updateOrganization(db: TenantDb, organizationId: string, actor: Actor, input: UpdateOrganizationInput) {
  return db.withOrganization(organizationId, async (tx) => {
    const organizations = organizationRepository(tx);
    const current = await organizations.findById(organizationId);
    if (!current) throw notFound("Organization");

    const changes: Partial<OrganizationFields> = {};
    for (const key of ["name", "slug", "baseCurrency", "timezone"] as const) {
      const value = input[key];
      if (value !== undefined && value !== current[key]) changes[key] = value;
    }
    const changedFields = Object.keys(changes);
    if (changedFields.length === 0) return current;

    const updated = await organizations.update(organizationId, changes).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw conflict("That slug is already taken");
      throw err;
    });
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: organizationUpdated,
      organizationId,
      aggregateType: "organization",
      aggregateId: organizationId,
      actor,
      data: {
        name: updated.name,
        slug: updated.slug,
        baseCurrency: updated.baseCurrency,
        timezone: updated.timezone,
        status: updated.status,
        changedFields,
      },
    });
    return updated;
  });
}
