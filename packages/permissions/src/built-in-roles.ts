import { listPermissions, type PermissionLevel } from "./define";

/**
 * The built-in roles, by the permission levels they hold: `viewer` reads, `member` works with
 * records, `admin` administers everything but ownership and billing, `owner` holds everything.
 */
export const BUILT_IN_ROLES = {
  owner: ["read", "write", "admin", "owner"],
  admin: ["read", "write", "admin"],
  member: ["read", "write"],
  viewer: ["read"],
} as const satisfies Record<string, readonly PermissionLevel[]>;

export type BuiltInRole = keyof typeof BUILT_IN_ROLES;

export function isBuiltInRole(role: string): role is BuiltInRole {
  return Object.hasOwn(BUILT_IN_ROLES, role);
}

/** Every declared permission a built-in role holds, sorted. */
export function builtInRolePermissions(role: BuiltInRole): string[] {
  const levels: readonly PermissionLevel[] = BUILT_IN_ROLES[role];
  return listPermissions()
    .filter((permission) => levels.includes(permission.level))
    .map((permission) => permission.key);
}
