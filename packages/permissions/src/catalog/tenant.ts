import { definePermissions } from "../define";

export const tenantPermissions = definePermissions("tenant", {
  organizationRead: { key: "tenant.organization.read", level: "read", description: "See the organization's profile" },
  organizationUpdate: { key: "tenant.organization.update", level: "admin", description: "Change the organization's name, slug, currency and timezone" },
  moduleRead: { key: "tenant.module.read", level: "read", description: "See which modules are enabled" },
  moduleUpdate: { key: "tenant.module.update", level: "admin", description: "Enable or disable modules within the plan" },
  planRead: { key: "tenant.plan.read", level: "read", description: "See the subscription plans on offer" },
  subscriptionRead: { key: "tenant.subscription.read", level: "read", description: "See the subscription and its plan" },
  subscriptionUpdate: { key: "tenant.subscription.update", level: "owner", description: "Change the plan (billing)" },
  settingsRead: { key: "tenant.settings.read", level: "read", description: "See the organization's settings" },
  settingsUpdate: { key: "tenant.settings.update", level: "admin", description: "Change the organization's settings" },
});
