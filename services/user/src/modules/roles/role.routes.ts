/** Roles of the caller's organization. */
import { created, noContent, page, pageSchema, type ServiceApp } from "@erp/http-kit";
import { userPermissions as permissions } from "@erp/permissions";
import type { UserDb } from "../../db";
import { actorOf } from "../../events";
import { BUILT_IN_ROLE, ROLE_CYCLE, UNKNOWN_ROLE } from "./role.errors";
import { createRole, deleteRole, getRole, listRoles, setRolePermissions, updateRole } from "./manage-roles";
import { createRoleBody, roleDto, roleIdParams, setRolePermissionsBody, updateRoleBody } from "./role.schemas";

const tags = ["Roles"];
const notFound = { 404: { description: "No such role in the caller's organization (NOT_FOUND)" } };
const refused = {
  422: { description: "A built-in role, an unknown parent or a parent that would close a cycle", codes: [BUILT_IN_ROLE, UNKNOWN_ROLE, ROLE_CYCLE] },
};

export function registerRoleRoutes(route: ServiceApp["route"], db: UserDb): void {
  route({
    method: "get",
    path: "/roles",
    summary: "Every role of the organization, built-in first, with what each grants",
    tags,
    access: { permission: permissions.roleRead },
    responses: { 200: { description: "Roles", schema: pageSchema(roleDto) } },
    handler: async ({ principal }) => {
      const roles = await listRoles(db, principal.organizationId);
      return page(roles, null, roles.length);
    },
  });

  route({
    method: "post",
    path: "/roles",
    summary: "Create a custom role",
    tags,
    access: { permission: permissions.roleCreate },
    request: { body: createRoleBody },
    responses: { 201: { description: "The role", schema: roleDto }, 409: { description: "The name is taken" }, ...refused },
    handler: async (ctx) => {
      const role = await createRole(db, ctx.principal.organizationId, actorOf(ctx.principal), ctx.body);
      created(ctx, role, `/api/v1/users/roles/${role.id}`);
    },
  });

  route({
    method: "get",
    path: "/roles/{id}",
    summary: "A role",
    tags,
    access: { permission: permissions.roleRead },
    request: { params: roleIdParams },
    responses: { 200: { description: "The role", schema: roleDto }, ...notFound },
    handler: async ({ principal, params }) => getRole(db, principal.organizationId, params.id),
  });

  route({
    method: "patch",
    path: "/roles/{id}",
    summary: "Rename a custom role, describe it or change its parent",
    tags,
    access: { permission: permissions.roleUpdate },
    request: { params: roleIdParams, body: updateRoleBody },
    responses: { 200: { description: "The role", schema: roleDto }, ...notFound, 409: { description: "The name is taken" }, ...refused },
    handler: async ({ principal, params, body }) => updateRole(db, principal.organizationId, actorOf(principal), params.id, body),
  });

  route({
    method: "put",
    path: "/roles/{id}/permissions",
    summary: "Replace a custom role's own permissions (members get them at their next token refresh)",
    tags,
    access: { permission: permissions.roleUpdate },
    request: { params: roleIdParams, body: setRolePermissionsBody },
    responses: { 200: { description: "The role", schema: roleDto }, ...notFound, ...refused },
    handler: async ({ principal, params, body }) =>
      setRolePermissions(db, principal.organizationId, actorOf(principal), params.id, body.permissions),
  });

  route({
    method: "delete",
    path: "/roles/{id}",
    summary: "Delete a custom role nobody holds, inherits from or is invited with",
    tags,
    access: { permission: permissions.roleDelete },
    request: { params: roleIdParams },
    responses: { 204: { description: "Deleted" }, ...notFound, 409: { description: "The role is in use (ROLE_IN_USE)" }, ...refused },
    handler: async (ctx) => {
      await deleteRole(db, ctx.principal.organizationId, actorOf(ctx.principal), ctx.params.id);
      noContent(ctx);
    },
  });
}
