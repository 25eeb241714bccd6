/** An organization's subscription (one per organization). */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";

export function subscriptionRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId) =>
      tx.subscription.findUnique({ where: { organizationId }, include: { plan: true } }),

    create: (organizationId: OrganizationId, planCode: string) =>
      tx.subscription.create({ data: { organizationId, planCode } }),

    changePlan: (organizationId: OrganizationId, planCode: string) =>
      tx.subscription.update({ where: { organizationId }, data: { planCode }, include: { plan: true } }),
  };
}
