/** Roles of the caller's organization. */
import { inTransaction } from "@erp/db";
import { created, noContent, pageSchema, wholeListQuery, wholePage, type ServiceApp } from "@erp/http-kit";
import { userPermissions as permissions } from "@erp/permissions";
import type { UserDb } from "../../db";
import { createRole } from "./create-role";
import { deleteRole } from "./delete-role";
import { getRole } from "./get-role";
import { listRoles } from "./list-roles";
import { BUILT_IN_ROLE, ROLE_CYCLE, ROLE_IN_USE, roleNameTaken, UNKNOWN_ROLE } from "./role.errors";
import { createRoleBody, roleDto, roleIdParams, setRolePermissionsBody, updateRoleBody } from "./role.schemas";
import { setRolePermissions } from "./set-role-permissions";
import { updateRole } from "./update-role";

const tags = ["Roles"];
const notFound = { 404: { description: "No such role in the caller's organization (NOT_FOUND)" } };
const nameTaken = { 409: { description: "The name is taken", codes: ["CONFLICT"] } };
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
    request: { query: wholeListQuery },
    responses: { 200: { description: "Roles", schema: pageSchema(roleDto) } },
    handler: async ({ scope, query }) => {
      const roles = await inTransaction(db, scope, (tx) => listRoles(tx, scope));
      return wholePage(roles, query);
    },
  });

  route({
    method: "post",
    path: "/roles",
    summary: "Create a custom role",
    tags,
    access: { permission: permissions.roleCreate },
    request: { body: createRoleBody },
    responses: { 201: { description: "The role", schema: roleDto }, ...nameTaken, ...refused },
    handler: async (ctx) => {
      const { scope, body } = ctx;
      const role = await inTransaction(db, scope, (tx) => createRole(tx, scope, body), { conflict: () => roleNameTaken(body.name) });
      created(ctx, role, ctx.location(`/roles/${role.id}`));
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
    handler: ({ scope, params }) => inTransaction(db, scope, (tx) => getRole(tx, scope, params)),
  });

  route({
    method: "patch",
    path: "/roles/{id}",
    summary: "Rename a custom role, describe it or change its parent",
    tags,
    access: { permission: permissions.roleUpdate },
    request: { params: roleIdParams, body: updateRoleBody },
    responses: { 200: { description: "The role", schema: roleDto }, ...notFound, ...nameTaken, ...refused },
    handler: ({ scope, params, body }) =>
      inTransaction(db, scope, (tx) => updateRole(tx, scope, { id: params.id, changes: body }), { conflict: () => roleNameTaken(body.name) }),
  });

  route({
    method: "put",
    path: "/roles/{id}/permissions",
    summary: "Replace a custom role's own permissions (members get them at their next token refresh)",
    tags,
    access: { permission: permissions.roleUpdate },
    request: { params: roleIdParams, body: setRolePermissionsBody },
    responses: { 200: { description: "The role", schema: roleDto }, ...notFound, ...refused },
    handler: ({ scope, params, body }) =>
      inTransaction(db, scope, (tx) => setRolePermissions(tx, scope, { id: params.id, permissions: body.permissions })),
  });

  route({
    method: "delete",
    path: "/roles/{id}",
    summary: "Delete a custom role nobody holds, inherits from or is invited with",
    tags,
    access: { permission: permissions.roleDelete },
    request: { params: roleIdParams },
    responses: { 204: { description: "Deleted" }, ...notFound, 409: { description: "The role is in use", codes: [ROLE_IN_USE] }, ...refused },
    handler: async (ctx) => {
      await inTransaction(db, ctx.scope, (tx) => deleteRole(tx, ctx.scope, ctx.params));
      noContent(ctx);
    },
  });
}
