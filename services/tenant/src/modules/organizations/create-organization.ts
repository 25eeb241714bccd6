/**
 * Registration, step one (called by the auth service): creates the organization in status
 * `pending` with a free subscription, the free plan's modules and default settings.
 * Idempotent by id, so the caller may retry.
 */
import { conflict } from "@erp/http-kit";
import { isUniqueViolation } from "@erp/db";
import type { TenantDb } from "../../db";
import type { Organization } from "../../generated/prisma/client";
import { moduleRepository } from "../modules/module.repository";
import { planRepository } from "../plans/plan.repository";
import { defaultSettings } from "../settings/settings.schemas";
import { settingsRepository } from "../settings/settings.repository";
import { subscriptionRepository } from "../subscriptions/subscription.repository";
import { organizationRepository, pendingOrganizationRepository } from "./organization.repository";
import type { CreateOrganizationInput } from "./organization.schemas";
import { slugCandidate, slugify } from "./slug";

export const INITIAL_PLAN = "free";
const MAX_ATTEMPTS = 10;

export async function createOrganization(
  db: TenantDb,
  input: CreateOrganizationInput,
): Promise<{ organization: Organization; created: boolean }> {
  const baseSlug = slugify(input.name);
  // A unique violation aborts the whole transaction, so each slug candidate gets a fresh one.
  // It is nearly always the slug; a concurrent create of the same id is found by the next attempt.
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    try {
      return await db.withOrganization(input.id, async (tx) => {
        const organizations = organizationRepository(tx);
        const existing = await organizations.findById(input.id);
        if (existing) return { organization: existing, created: false };

        const plan = await planRepository(tx).findByCode(INITIAL_PLAN);
        if (!plan) throw new Error(`plan ${INITIAL_PLAN} is missing: migrations not applied?`);
        const organization = await organizations.create(input.id, {
          name: input.name,
          slug: slugCandidate(baseSlug, attempt),
          baseCurrency: input.baseCurrency,
          timezone: input.timezone,
        });
        await subscriptionRepository(tx).create(input.id, plan.code);
        await moduleRepository(tx).enable(input.id, plan.modules);
        await settingsRepository(tx).create(input.id, defaultSettings);
        await pendingOrganizationRepository(tx).add(input.id);
        return { organization, created: true };
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  throw conflict(`No free slug found for "${input.name}"`);
}
