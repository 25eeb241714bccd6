/** The plans catalogue, readable by every role. */
import { inTransaction } from "@erp/db";
import { pageSchema, wholeListQuery, wholePage, type ServiceApp } from "@erp/http-kit";
import type { TenantDb } from "../../db";
import { permissions } from "../../permissions";
import { listPlans } from "./list-plans";
import { planDto } from "./plan.schemas";

export function registerPlanRoutes(route: ServiceApp["route"], db: TenantDb): void {
  route({
    method: "get",
    path: "/plans",
    summary: "Subscription plans",
    tags: ["Plans"],
    access: { permission: permissions.planRead },
    request: { query: wholeListQuery },
    responses: { 200: { description: "Every plan, cheapest first", schema: pageSchema(planDto) } },
    handler: async ({ scope, query }) => {
      const plans = await inTransaction(db, scope, (tx) => listPlans(tx));
      return wholePage(plans, query);
    },
  });
}
