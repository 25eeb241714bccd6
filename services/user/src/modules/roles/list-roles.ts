/** Every role of the organization, built-in first, with what each grants. */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { effectivePermissions } from "./effective-permissions";
import { roleRepository } from "./role.repository";
import { toRoleDto, type RoleDto } from "./role.schemas";

export async function listRoles(tx: Tx, scope: Scope): Promise<RoleDto[]> {
  const roles = await roleRepository(tx).listAll(scope.organizationId);
  return roles.map((role) => toRoleDto(role, effectivePermissions(roles, [role.id])));
}
