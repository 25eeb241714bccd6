/** An organization's subscription (one per organization). */
import type { Tx } from "../../db";

export function subscriptionRepository(tx: Tx) {
  return {
    find: (organizationId: string) =>
      tx.subscription.findUnique({ where: { organizationId }, include: { plan: true } }),

    create: (organizationId: string, planCode: string) =>
      tx.subscription.create({ data: { organizationId, planCode } }),

    changePlan: (organizationId: string, planCode: string) =>
      tx.subscription.update({ where: { organizationId }, data: { planCode }, include: { plan: true } }),
  };
}
