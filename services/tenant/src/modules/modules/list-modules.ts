/** Every module, whether the organization has it on, and whether its plan includes it. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { subscriptionRepository } from "../subscriptions/subscription.repository";
import { moduleRepository } from "./module.repository";
import { MODULE_KEYS } from "./module-keys";
import type { ModuleDto } from "./module.schemas";

/** @throws AppError 404 NOT_FOUND when the organization has no subscription */
export async function listModules(tx: Tx, scope: Scope): Promise<ModuleDto[]> {
  const { organizationId } = scope;
  const subscription = await subscriptionRepository(tx).find(organizationId);
  if (!subscription) throw notFound("Subscription");
  const enabled = await moduleRepository(tx).listEnabled(organizationId);
  return MODULE_KEYS.map((module) => ({
    module,
    enabled: enabled.includes(module),
    includedInPlan: subscription.plan.modules.includes(module),
  }));
}
