/** The modules module's business-rule errors (422). */
import { unprocessable } from "@erp/errors";

export const MODULE_NOT_IN_PLAN = "MODULE_NOT_IN_PLAN";

/** Enabling a module the organization's plan does not include. */
export const moduleNotInPlan = (module: string) =>
  unprocessable(MODULE_NOT_IN_PLAN, `The current plan does not include the ${module} module`, [
    { path: "enabled", message: "Upgrade the subscription to enable this module" },
  ]);
