/** The subscriptions module's business-rule errors (422). */
import { unprocessable } from "@erp/errors";

export const UNKNOWN_PLAN = "UNKNOWN_PLAN";

/** Changing to a plan code that names no plan. */
export const unknownPlan = (planCode: string) => unprocessable(UNKNOWN_PLAN, "Unknown plan", [{ path: "planCode", message: `No plan "${planCode}"` }]);
