/**
 * Moves the organization to another plan. A downgrade switches off the modules the new plan
 * lacks; an upgrade switches on the modules it newly includes (what the customer paid for),
 * leaving alone modules the organization had chosen to switch off under the old plan.
 */
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA, moduleDisabled, moduleEnabled, subscriptionChanged } from "../../events";
import { moduleRepository } from "../modules/module.repository";
import { planRepository } from "../plans/plan.repository";
import { unknownPlan } from "./subscription.errors";
import { subscriptionRepository } from "./subscription.repository";
import { toSubscriptionDto, type ChangeSubscriptionInput, type SubscriptionDto } from "./subscription.schemas";

/** Nothing changed writes nothing. @throws AppError 422 UNKNOWN_PLAN, 404 NOT_FOUND when the organization has no subscription */
export async function changeSubscription(tx: Tx, scope: Scope, input: ChangeSubscriptionInput): Promise<SubscriptionDto> {
  const { organizationId } = scope;
  const plans = planRepository(tx);
  const subscriptions = subscriptionRepository(tx);
  const modules = moduleRepository(tx);

  const plan = await plans.findByCode(input.planCode);
  if (!plan) throw unknownPlan(input.planCode);
  const current = await subscriptions.find(organizationId);
  if (!current) throw notFound("Subscription");
  if (current.planCode === plan.code) return toSubscriptionDto(current);

  const updated = await subscriptions.changePlan(organizationId, plan.code);
  const enabled = await modules.listEnabled(organizationId);
  const toDisable = enabled.filter((module) => !plan.modules.includes(module));
  const toEnable = plan.modules.filter((module) => !current.plan.modules.includes(module) && !enabled.includes(module));
  await modules.disable(organizationId, toDisable);
  await modules.enable(organizationId, toEnable);

  const event = { organizationId, aggregateId: organizationId, actor: scope.actor };
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    ...event,
    event: subscriptionChanged,
    aggregateType: "subscription",
    data: { planCode: plan.code, previousPlanCode: current.planCode },
  });
  for (const module of toDisable) {
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      ...event,
      event: moduleDisabled,
      aggregateType: "module",
      data: { module, reason: "plan_changed" },
    });
  }
  for (const module of toEnable) {
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      ...event,
      event: moduleEnabled,
      aggregateType: "module",
      data: { module, reason: "plan_changed" },
    });
  }
  return toSubscriptionDto(updated);
}
