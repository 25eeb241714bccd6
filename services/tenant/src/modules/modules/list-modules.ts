/** Every module, whether the organization has it on, and whether its plan includes it. */
import { notFound } from "@erp/http-kit";
import type { TenantDb, Tx } from "../../db";
import { subscriptionRepository } from "../subscriptions/subscription.repository";
import { moduleRepository } from "./module.repository";
import { MODULE_KEYS } from "./module-keys";
import type { ModuleDto } from "./module.schemas";

export async function listModules(db: TenantDb, organizationId: string): Promise<ModuleDto[]> {
  return db.withOrganization(organizationId, (tx) => readModules(tx, organizationId));
}

export async function readModules(tx: Tx, organizationId: string): Promise<ModuleDto[]> {
  const subscription = await subscriptionRepository(tx).find(organizationId);
  if (!subscription) throw notFound("Subscription");
  const enabled = await moduleRepository(tx).listEnabled(organizationId);
  return MODULE_KEYS.map((module) => ({
    module,
    enabled: enabled.includes(module),
    includedInPlan: subscription.plan.modules.includes(module),
  }));
}
