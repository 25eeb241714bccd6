/** Renames a custom role, describes it or moves it under another parent. */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { changeCustomRole } from "./change-custom-role";
import { checkParentRole } from "./check-parent-role";
import type { RoleDto, UpdateRoleInput } from "./role.schemas";

/**
 * @throws AppError 404 NOT_FOUND, 422 BUILT_IN_ROLE, UNKNOWN_ROLE (parent), ROLE_CYCLE; a taken
 *   name is the update's unique violation, which the caller maps
 */
export async function updateRole(tx: Tx, scope: Scope, input: { id: string; changes: UpdateRoleInput }): Promise<RoleDto> {
  const { id, changes } = input;
  return changeCustomRole(tx, scope, id, (roles) => {
    if (changes.parentId) checkParentRole(roles, id, changes.parentId);
    return changes;
  });
}
