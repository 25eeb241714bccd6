/**
 * What a set of roles lets a member do: each role's own permissions and those of every ancestor.
 * A built-in role's own permissions are derived from the catalog's levels when asked, so a
 * permission a service declares later reaches owner/admin/member/viewer without a migration.
 */
import { builtInRolePermissions, isBuiltInRole } from "@erp/permissions";
import { ancestry } from "../parent-chain";

export interface RoleNode {
  id: string;
  name: string;
  builtIn: boolean;
  parentId: string | null;
  permissions: string[];
}

export function ownPermissions(role: RoleNode): string[] {
  return role.builtIn && isBuiltInRole(role.name) ? builtInRolePermissions(role.name) : role.permissions;
}

/** The sorted union over the held roles and their ancestors; `roles` are all the organization's. */
export function effectivePermissions(roles: RoleNode[], heldRoleIds: string[]): string[] {
  const byId = new Map(roles.map((role) => [role.id, role]));
  const granted = new Set<string>();
  for (const id of heldRoleIds) {
    for (const role of ancestry(byId, id)) for (const permission of ownPermissions(role)) granted.add(permission);
  }
  return [...granted].sort();
}
