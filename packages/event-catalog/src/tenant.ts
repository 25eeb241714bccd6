/** Events of the tenant service (topic erp.tenant): organizations, subscriptions, modules, settings. */
import { z } from "zod";
import { defineEvent } from "@erp/events";

const organizationSnapshot = z.object({
  name: z.string(),
  slug: z.string(),
  baseCurrency: z.string().length(3),
  timezone: z.string(),
  status: z.enum(["pending", "active", "suspended"]),
});

export const organizationCreated = defineEvent(
  "tenant.organization.created",
  1,
  organizationSnapshot.extend({ planCode: z.string(), enabledModules: z.array(z.string()) }),
);

export const organizationUpdated = defineEvent(
  "tenant.organization.updated",
  1,
  organizationSnapshot.extend({ changedFields: z.array(z.string()).min(1) }),
);

export const organizationSuspended = defineEvent("tenant.organization.suspended", 1, z.object({ status: z.literal("suspended") }));

export const organizationReactivated = defineEvent("tenant.organization.reactivated", 1, z.object({ status: z.literal("active") }));

export const subscriptionChanged = defineEvent(
  "tenant.subscription.changed",
  1,
  z.object({ planCode: z.string(), previousPlanCode: z.string() }),
);

/** `reason` tells consumers whether a person switched the module or a plan change did. */
const moduleToggle = z.object({ module: z.string(), reason: z.enum(["requested", "plan_changed"]) });

export const moduleEnabled = defineEvent("tenant.module.enabled", 1, moduleToggle);

export const moduleDisabled = defineEvent("tenant.module.disabled", 1, moduleToggle);

export const settingsUpdated = defineEvent(
  "tenant.settings.updated",
  1,
  z.object({ settings: z.record(z.string(), z.unknown()), changedFields: z.array(z.string()).min(1) }),
);
