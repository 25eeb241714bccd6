/**
 * Registration, step one (called by the auth service): creates the scope's organization in status
 * `pending` with a free subscription, the free plan's modules and default settings.
 * Idempotent by id, so the caller may retry.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { moduleRepository } from "../modules/module.repository";
import { planRepository } from "../plans/plan.repository";
import { defaultSettings } from "../settings/settings.schemas";
import { settingsRepository } from "../settings/settings.repository";
import { subscriptionRepository } from "../subscriptions/subscription.repository";
import { noFreeSlug } from "./organization.errors";
import { organizationRepository, pendingOrganizationRepository } from "./organization.repository";
import { toOrganizationDto, type CreateOrganizationInput, type OrganizationDto } from "./organization.schemas";
import { slugCandidate, slugify } from "./slug";

export const INITIAL_PLAN = "free";
const MAX_ATTEMPTS = 10;

/**
 * The slug comes from the name; RLS hides other organizations' slugs, so a taken one shows only as
 * a refused insert, and the next candidate is tried. `created` is false when the organization
 * already existed (a retry, or a concurrent create of the same id): nothing was written.
 * @throws AppError 409 CONFLICT when no candidate slug is free
 */
export async function createOrganization(
  tx: Tx,
  scope: Scope,
  input: Omit<CreateOrganizationInput, "id">,
): Promise<{ organization: OrganizationDto; created: boolean }> {
  const { organizationId } = scope;
  const organizations = organizationRepository(tx);
  const baseSlug = slugify(input.name);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const existing = await organizations.findById(organizationId);
    if (existing) return { organization: toOrganizationDto(existing), created: false };
    const organization = await organizations.createUnlessTaken(organizationId, {
      name: input.name,
      slug: slugCandidate(baseSlug, attempt),
      baseCurrency: input.baseCurrency,
      timezone: input.timezone,
    });
    if (!organization) continue;
    const plan = await planRepository(tx).findByCode(INITIAL_PLAN);
    if (!plan) throw new Error(`plan ${INITIAL_PLAN} is missing: migrations not applied?`);
    await subscriptionRepository(tx).create(organizationId, plan.code);
    await moduleRepository(tx).enable(organizationId, plan.modules);
    await settingsRepository(tx).create(organizationId, defaultSettings);
    await pendingOrganizationRepository(tx).add(organizationId);
    return { organization: toOrganizationDto(organization), created: true };
  }
  throw noFreeSlug(input.name);
}
