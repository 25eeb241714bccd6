/** The plans an organization can subscribe to. */
import type { TenantDb } from "../../db";
import { planRepository } from "./plan.repository";

export async function listPlans(db: TenantDb) {
  return db.transaction((tx) => planRepository(tx).list());
}
