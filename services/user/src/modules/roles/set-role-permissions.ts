/** Replaces a custom role's own permissions; its members get them at their next token refresh. */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { changeCustomRole } from "./change-custom-role";
import type { RoleDto } from "./role.schemas";

/** @throws AppError 404 NOT_FOUND, 422 BUILT_IN_ROLE */
export async function setRolePermissions(tx: Tx, scope: Scope, input: { id: string; permissions: string[] }): Promise<RoleDto> {
  return changeCustomRole(tx, scope, input.id, () => ({ permissions: input.permissions }));
}
