/**
 * Built-in roles and the permissions they grant, until the user service owns roles.
 * Wildcards follow the shared `hasPermission`: `*`, `module.*`, `module.resource.*` (no
 * `*.*.read`, so read-only roles list their permissions explicitly).
 */
import { AUTH_PERMISSIONS } from "./permissions";

/** Reading the organization itself, what any member needs to use the app at all. */
const tenantRead = ["tenant.organization.read", "tenant.module.read", "tenant.subscription.read", "tenant.settings.read"];

/** Business modules of the ERP; their permission prefixes follow the event domains. */
const businessModules = ["master_data.*", "inventory.*", "finance.*", "crm.*", "notification.*"];

export const ROLE_PERMISSIONS: Record<string, readonly string[]> = {
  owner: ["*"],
  // Everything except changing the plan (billing) and ownership actions, which stay with owners:
  // hence `tenant.*` and `user.*` are spelled out per resource instead of granted whole.
  admin: [
    ...tenantRead,
    "tenant.organization.update",
    "tenant.module.*",
    "tenant.settings.*",
    "auth.*",
    "user.user.*",
    "user.membership.*",
    "user.role.*",
    "user.invitation.*",
    ...businessModules,
  ],
  member: [...tenantRead, AUTH_PERMISSIONS.sessionRead, "user.user.read", ...businessModules],
  viewer: [...tenantRead, AUTH_PERMISSIONS.sessionRead],
};

export const BUILT_IN_ROLES = Object.keys(ROLE_PERMISSIONS);

/** The union of the roles' permissions; unknown roles grant nothing. */
export function permissionsForRoles(roles: readonly string[]): string[] {
  const granted = new Set<string>();
  for (const role of roles) for (const permission of ROLE_PERMISSIONS[role] ?? []) granted.add(permission);
  return [...granted].sort();
}
