/** Subscription plans: global reference data, the same for every organization. */
import type { Tx } from "../../db";

export function planRepository(tx: Tx) {
  return {
    list: () => tx.plan.findMany({ orderBy: { position: "asc" } }),
    findByCode: (code: string) => tx.plan.findUnique({ where: { code } }),
  };
}
