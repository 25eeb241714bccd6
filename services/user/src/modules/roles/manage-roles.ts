/**
 * Roles of an organization: reading them with what they grant, and changing custom ones.
 * Built-in roles are defined by the catalog's levels, so they are never renamed, re-parented,
 * given permissions or deleted.
 */
import { uuidv7 } from "@erp/db";
import { appendToOutbox, type Actor } from "@erp/events";
import { conflict, notFound } from "@erp/http-kit";
import type { Tx, UserDb } from "../../db";
import { OUTBOX_SCHEMA, roleCreated, roleDeleted, roleUpdated } from "../../events";
import type { Role } from "../../generated/prisma/client";
import { createsCycle } from "../parent-chain";
import { builtInRole, roleCycle, unknownParentRole } from "./role.errors";
import { effectivePermissions } from "./effective-permissions";
import { roleRepository, type RoleFields } from "./role.repository";
import { toRoleDto, type CreateRoleInput, type UpdateRoleInput } from "./role.schemas";

export async function listRoles(db: UserDb, organizationId: string) {
  return db.withOrganization(organizationId, async (tx) => {
    const roles = await roleRepository(tx).listAll(organizationId);
    return roles.map((role) => toRoleDto(role, effectivePermissions(roles, [role.id])));
  });
}

export async function getRole(db: UserDb, organizationId: string, id: string) {
  return db.withOrganization(organizationId, async (tx) => {
    const roles = await roleRepository(tx).listAll(organizationId);
    const role = roles.find((r) => r.id === id);
    if (!role) throw notFound("Role");
    return toRoleDto(role, effectivePermissions(roles, [role.id]));
  });
}

export async function createRole(db: UserDb, organizationId: string, actor: Actor, input: CreateRoleInput) {
  return db.withOrganization(organizationId, async (tx) => {
    const roles = await roleRepository(tx).listAll(organizationId);
    const id = uuidv7();
    const parentId = input.parentId ?? null;
    if (parentId) assertParent(roles, id, parentId);
    const role = await roleRepository(tx).create(organizationId, id, {
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
      actor,
      data: roleEventData(role),
    });
    return toRoleDto(role, effectivePermissions([...roles, role], [role.id]));
  });
}

export async function updateRole(db: UserDb, organizationId: string, actor: Actor, id: string, input: UpdateRoleInput) {
  return changeCustomRole(db, organizationId, actor, id, (roles) => {
    if (input.parentId) assertParent(roles, id, input.parentId);
    return input;
  });
}

export async function setRolePermissions(db: UserDb, organizationId: string, actor: Actor, id: string, permissions: string[]) {
  return changeCustomRole(db, organizationId, actor, id, () => ({ permissions }));
}

export async function deleteRole(db: UserDb, organizationId: string, actor: Actor, id: string): Promise<void> {
  await db.withOrganization(organizationId, async (tx) => {
    const repository = roleRepository(tx);
    const role = await findCustomRole(tx, organizationId, id);
    const usage = await repository.usage(organizationId, role);
    if (usage.members + usage.children + usage.invitations > 0) {
      throw conflict(
        `The role is in use (${usage.members} members, ${usage.children} child roles, ${usage.invitations} pending invitations)`,
        "ROLE_IN_USE",
      );
    }
    await repository.delete(organizationId, id);
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: roleDeleted,
      organizationId,
      aggregateType: "role",
      aggregateId: id,
      actor,
      data: { roleId: id, name: role.name },
    });
  });
}

async function changeCustomRole(
  db: UserDb,
  organizationId: string,
  actor: Actor,
  id: string,
  change: (roles: Role[]) => Partial<RoleFields>,
) {
  return db.withOrganization(organizationId, async (tx) => {
    const current = await findCustomRole(tx, organizationId, id);
    const roles = await roleRepository(tx).listAll(organizationId);
    const fields = change(roles);
    const changedFields = (Object.keys(fields) as (keyof RoleFields)[]).filter(
      (key) => JSON.stringify(fields[key]) !== JSON.stringify(current[key]),
    );
    if (changedFields.length === 0) return toRoleDto(current, effectivePermissions(roles, [id]));
    const role = await roleRepository(tx).update(organizationId, id, fields);
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: roleUpdated,
      organizationId,
      aggregateType: "role",
      aggregateId: id,
      actor,
      data: { ...roleEventData(role), changedFields },
    });
    return toRoleDto(role, effectivePermissions(roles.map((r) => (r.id === id ? role : r)), [id]));
  });
}

async function findCustomRole(tx: Tx, organizationId: string, id: string): Promise<Role> {
  const role = await roleRepository(tx).findById(organizationId, id);
  if (!role) throw notFound("Role");
  if (role.builtIn) throw builtInRole(role.name);
  return role;
}

function assertParent(roles: Role[], id: string, parentId: string): void {
  if (!roles.some((role) => role.id === parentId)) throw unknownParentRole();
  if (createsCycle(roles, id, parentId)) throw roleCycle();
}

function roleEventData(role: Role) {
  return { roleId: role.id, name: role.name, parentId: role.parentId, permissions: role.permissions };
}
