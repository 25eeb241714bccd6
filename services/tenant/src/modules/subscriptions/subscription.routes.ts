/** The caller's organization's subscription. */
import { inTransaction } from "@erp/db";
import type { ServiceApp } from "@erp/http-kit";
import type { TenantDb } from "../../db";
import { permissions } from "../../permissions";
import { changeSubscription } from "./change-subscription";
import { getSubscription } from "./get-subscription";
import { UNKNOWN_PLAN } from "./subscription.errors";
import { changeSubscriptionBody, subscriptionDto } from "./subscription.schemas";

const tags = ["Subscription"];

export function registerSubscriptionRoutes(route: ServiceApp["route"], db: TenantDb): void {
  route({
    method: "get",
    path: "/subscription",
    summary: "The organization's subscription and its plan",
    tags,
    access: { permission: permissions.subscriptionRead },
    responses: { 200: { description: "The subscription", schema: subscriptionDto } },
    handler: ({ scope }) => inTransaction(db, scope, (tx) => getSubscription(tx, scope)),
  });

  route({
    method: "put",
    path: "/subscription",
    summary: "Change plan; a downgrade disables the modules the new plan lacks",
    tags,
    access: { permission: permissions.subscriptionUpdate },
    request: { body: changeSubscriptionBody },
    responses: {
      200: { description: "The subscription", schema: subscriptionDto },
      422: { description: "Unknown plan", codes: [UNKNOWN_PLAN] },
    },
    handler: ({ scope, body }) => inTransaction(db, scope, (tx) => changeSubscription(tx, scope, body)),
  });
}
