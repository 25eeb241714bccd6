/** The permission strings the tenant service declares (`<module>.<resource>.<action>`). */
export const permissions = {
  organizationRead: "tenant.organization.read",
  organizationUpdate: "tenant.organization.update",
  moduleRead: "tenant.module.read",
  moduleUpdate: "tenant.module.update",
  subscriptionRead: "tenant.subscription.read",
  subscriptionUpdate: "tenant.subscription.update",
  settingsRead: "tenant.settings.read",
  settingsUpdate: "tenant.settings.update",
} as const;

export type TenantPermission = (typeof permissions)[keyof typeof permissions];

export const allPermissions: TenantPermission[] = Object.values(permissions);
