/** The organization's subscription, with its plan. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { subscriptionRepository } from "./subscription.repository";
import { toSubscriptionDto, type SubscriptionDto } from "./subscription.schemas";

/** @throws AppError 404 NOT_FOUND when the organization has none */
export async function getSubscription(tx: Tx, scope: Scope): Promise<SubscriptionDto> {
  const subscription = await subscriptionRepository(tx).find(scope.organizationId);
  if (!subscription) throw notFound("Subscription");
  return toSubscriptionDto(subscription);
}
