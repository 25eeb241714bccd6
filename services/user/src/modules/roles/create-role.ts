/** Creates a custom role, optionally under a parent whose permissions it inherits. */
import { uuidv7 } from "@erp/db";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA, roleCreated } from "../../events";
import { checkParentRole } from "./check-parent-role";
import { effectivePermissions } from "./effective-permissions";
import { roleRepository } from "./role.repository";
import { roleSnapshot, toRoleDto, type CreateRoleInput, type RoleDto } from "./role.schemas";

/**
 * @throws AppError 422 UNKNOWN_ROLE (parent); a taken name is the insert's unique violation, which
 *   the caller maps (the route: 409 through `inTransaction`'s `conflict`)
 */
export async function createRole(tx: Tx, scope: Scope, input: CreateRoleInput): Promise<RoleDto> {
  const { organizationId } = scope;
  const repository = roleRepository(tx);
  const roles = await repository.listAll(organizationId);
  const id = uuidv7();
  const parentId = input.parentId ?? null;
  if (parentId) checkParentRole(roles, id, parentId);
  const role = await repository.create(organizationId, id, {
    name: input.name,
    description: input.description ?? "",
    parentId,
    permissions: input.permissions ?? [],
  });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: roleCreated,
    organizationId,
    aggregateType: "role",
    aggregateId: id,
    actor: scope.actor,
    data: roleSnapshot(role),
  });
  return toRoleDto(role, effectivePermissions([...roles, role], [role.id]));
}
