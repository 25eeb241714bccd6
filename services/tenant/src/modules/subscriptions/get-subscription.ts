/** The caller's organization's subscription, with its plan. */
import { notFound } from "@erp/http-kit";
import type { TenantDb } from "../../db";
import { subscriptionRepository } from "./subscription.repository";

export async function getSubscription(db: TenantDb, organizationId: string) {
  const subscription = await db.withOrganization(organizationId, (tx) => subscriptionRepository(tx).find(organizationId));
  if (!subscription) throw notFound("Subscription");
  return subscription;
}
