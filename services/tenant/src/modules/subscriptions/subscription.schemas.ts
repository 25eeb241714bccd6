/** The organization's subscription. */
import { z } from "zod";
import type { Plan, Subscription } from "../../generated/prisma/client";
import { planDto, toPlanDto } from "../plans/plan.schemas";

export const changeSubscriptionBody = z.object({ planCode: z.string().min(1).max(50) }).strict().openapi({ example: { planCode: "pro" } });

export type ChangeSubscriptionInput = z.infer<typeof changeSubscriptionBody>;

export const subscriptionDto = z.object({
  planCode: z.string(),
  plan: planDto,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export type SubscriptionDto = z.infer<typeof subscriptionDto>;

export function toSubscriptionDto(subscription: Subscription & { plan: Plan }): SubscriptionDto {
  return {
    planCode: subscription.planCode,
    plan: toPlanDto(subscription.plan),
    createdAt: subscription.createdAt.toISOString(),
    updatedAt: subscription.updatedAt.toISOString(),
  };
}
