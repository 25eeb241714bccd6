/**
 * The one way a custom role changes (renamed, described, re-parented, re-permissioned): the event
 * lists what changed, and nothing changed writes nothing. Built-in roles are defined by the
 * catalog's levels, so they are never changed.
 */
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/errors";
import type { OrganizationId, Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA, roleUpdated } from "../../events";
import type { Role } from "../../generated/prisma/client";
import { effectivePermissions } from "./effective-permissions";
import { builtInRole } from "./role.errors";
import { roleRepository, type RoleFields } from "./role.repository";
import { roleSnapshot, toRoleDto, type RoleDto } from "./role.schemas";

/** @throws AppError 404 NOT_FOUND, 422 BUILT_IN_ROLE */
export async function findCustomRole(tx: Tx, organizationId: OrganizationId, id: string): Promise<Role> {
  const role = await roleRepository(tx).findById(organizationId, id);
  if (!role) throw notFound("Role");
  if (role.builtIn) throw builtInRole(role.name);
  return role;
}

/**
 * `change` sees all the organization's roles and answers the fields to set (or throws).
 * @throws AppError 404 NOT_FOUND, 422 BUILT_IN_ROLE, whatever `change` throws
 */
export async function changeCustomRole(
  tx: Tx,
  scope: Scope,
  id: string,
  change: (roles: Role[]) => Partial<RoleFields>,
): Promise<RoleDto> {
  const { organizationId } = scope;
  const repository = roleRepository(tx);
  const current = await findCustomRole(tx, organizationId, id);
  const roles = await repository.listAll(organizationId);
  const fields = change(roles);
  const changedFields = (Object.keys(fields) as (keyof RoleFields)[]).filter(
    (key) => JSON.stringify(fields[key]) !== JSON.stringify(current[key]),
  );
  if (changedFields.length === 0) return toRoleDto(current, effectivePermissions(roles, [id]));
  const role = await repository.update(organizationId, id, fields);
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: roleUpdated,
    organizationId,
    aggregateType: "role",
    aggregateId: id,
    actor: scope.actor,
    data: { ...roleSnapshot(role), changedFields },
  });
  return toRoleDto(role, effectivePermissions(roles.map((r) => (r.id === id ? role : r)), [id]));
}
