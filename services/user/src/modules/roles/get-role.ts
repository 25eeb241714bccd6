/** One role of the organization, with what it grants. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { effectivePermissions } from "./effective-permissions";
import { roleRepository } from "./role.repository";
import { toRoleDto, type RoleDto } from "./role.schemas";

/** @throws AppError 404 NOT_FOUND, also for another organization's role */
export async function getRole(tx: Tx, scope: Scope, input: { id: string }): Promise<RoleDto> {
  const roles = await roleRepository(tx).listAll(scope.organizationId);
  const role = roles.find((r) => r.id === input.id);
  if (!role) throw notFound("Role");
  return toRoleDto(role, effectivePermissions(roles, [role.id]));
}
