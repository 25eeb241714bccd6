/**
 * Moves the organization to another plan. A downgrade switches off the modules the new plan
 * lacks; an upgrade switches on the modules it newly includes (what the customer paid for),
 * leaving alone modules the organization had chosen to switch off under the old plan.
 */
import type { Actor } from "@erp/events";
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/http-kit";
import type { TenantDb } from "../../db";
import { OUTBOX_SCHEMA, moduleDisabled, moduleEnabled, subscriptionChanged } from "../../events";
import { moduleRepository } from "../modules/module.repository";
import { planRepository } from "../plans/plan.repository";
import { unknownPlan } from "./subscription.errors";
import { subscriptionRepository } from "./subscription.repository";

export async function changeSubscription(db: TenantDb, organizationId: string, actor: Actor, planCode: string) {
  return db.withOrganization(organizationId, async (tx) => {
    const plans = planRepository(tx);
    const subscriptions = subscriptionRepository(tx);
    const modules = moduleRepository(tx);

    const plan = await plans.findByCode(planCode);
    if (!plan) throw unknownPlan(planCode);
    const current = await subscriptions.find(organizationId);
    if (!current) throw notFound("Subscription");
    if (current.planCode === plan.code) return current;

    const updated = await subscriptions.changePlan(organizationId, plan.code);
    const enabled = await modules.listEnabled(organizationId);
    const toDisable = enabled.filter((module) => !plan.modules.includes(module));
    const toEnable = plan.modules.filter((module) => !current.plan.modules.includes(module) && !enabled.includes(module));
    await modules.disable(organizationId, toDisable);
    await modules.enable(organizationId, toEnable);

    const event = { organizationId, aggregateId: organizationId, actor };
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
    return updated;
  });
}
