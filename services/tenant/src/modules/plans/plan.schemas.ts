/** Subscription plans as the API shows them. */
import { z } from "zod";
import type { Plan } from "../../generated/prisma/client";

export const planDto = z.object({
  code: z.string(),
  name: z.string(),
  modules: z.array(z.string()).describe("Modules the plan includes"),
  limits: z.object({ seats: z.number().int().nullable().describe("null means unlimited") }),
});

export type PlanDto = z.infer<typeof planDto>;

export function toPlanDto(plan: Plan): PlanDto {
  return { code: plan.code, name: plan.name, modules: plan.modules, limits: { seats: plan.maxSeats } };
}
