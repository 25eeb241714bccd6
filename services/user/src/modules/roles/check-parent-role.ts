/** A role's parent must be one of the organization's roles and must not make it inherit from itself. */
import type { Role } from "../../generated/prisma/client";
import { createsCycle } from "../parent-chain";
import { roleCycle, unknownParentRole } from "./role.errors";

/**
 * `roles` are all the organization's roles.
 * @throws AppError 422 UNKNOWN_ROLE for a parent that is not among them, 422 ROLE_CYCLE for a loop
 */
export function checkParentRole(roles: Role[], id: string, parentId: string): void {
  if (!roles.some((role) => role.id === parentId)) throw unknownParentRole();
  if (createsCycle(roles, id, parentId)) throw roleCycle();
}
