/** The plans an organization can subscribe to: global reference data, readable in any transaction. */
import type { Tx } from "../../db";
import { planRepository } from "./plan.repository";
import { toPlanDto, type PlanDto } from "./plan.schemas";

/** Cheapest first. */
export async function listPlans(tx: Tx): Promise<PlanDto[]> {
  return (await planRepository(tx).list()).map(toPlanDto);
}
