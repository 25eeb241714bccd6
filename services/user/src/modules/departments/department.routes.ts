/** The caller's organization's departments. */
import { created, noContent, page, pageSchema, type ServiceApp } from "@erp/http-kit";
import { userPermissions as permissions } from "@erp/permissions";
import type { UserDb } from "../../db";
import { actorOf } from "../../events";
import { DEPARTMENT_CYCLE, UNKNOWN_DEPARTMENT } from "./department.errors";
import { createDepartmentBody, departmentDto, departmentIdParams, updateDepartmentBody } from "./department.schemas";
import { createDepartment, deleteDepartment, getDepartment, listDepartments, updateDepartment } from "./manage-departments";

const tags = ["Departments"];
const notFound = { 404: { description: "No such department in the caller's organization (NOT_FOUND)" } };
const badParent = { 422: { description: "Unknown parent, or one that would close a cycle", codes: [UNKNOWN_DEPARTMENT, DEPARTMENT_CYCLE] } };

export function registerDepartmentRoutes(route: ServiceApp["route"], db: UserDb): void {
  route({
    method: "get",
    path: "/departments",
    summary: "Every department (a tree by parentId)",
    tags,
    access: { permission: permissions.departmentRead },
    responses: { 200: { description: "Departments by name", schema: pageSchema(departmentDto) } },
    handler: async ({ principal }) => {
      const departments = await listDepartments(db, principal.organizationId);
      return page(departments, null, departments.length);
    },
  });

  route({
    method: "post",
    path: "/departments",
    summary: "Create a department",
    tags,
    access: { permission: permissions.departmentManage },
    request: { body: createDepartmentBody },
    responses: { 201: { description: "The department", schema: departmentDto }, 409: { description: "The name is taken" }, ...badParent },
    handler: async (ctx) => {
      const department = await createDepartment(db, ctx.principal.organizationId, actorOf(ctx.principal), ctx.body);
      created(ctx, department, `/api/v1/users/departments/${department.id}`);
    },
  });

  route({
    method: "get",
    path: "/departments/{id}",
    summary: "A department",
    tags,
    access: { permission: permissions.departmentRead },
    request: { params: departmentIdParams },
    responses: { 200: { description: "The department", schema: departmentDto }, ...notFound },
    handler: ({ principal, params }) => getDepartment(db, principal.organizationId, params.id),
  });

  route({
    method: "patch",
    path: "/departments/{id}",
    summary: "Rename or move a department",
    tags,
    access: { permission: permissions.departmentManage },
    request: { params: departmentIdParams, body: updateDepartmentBody },
    responses: { 200: { description: "The department", schema: departmentDto }, ...notFound, 409: { description: "The name is taken" }, ...badParent },
    handler: ({ principal, params, body }) => updateDepartment(db, principal.organizationId, actorOf(principal), params.id, body),
  });

  route({
    method: "delete",
    path: "/departments/{id}",
    summary: "Delete a department without sub-departments (its members keep no department)",
    tags,
    access: { permission: permissions.departmentManage },
    request: { params: departmentIdParams },
    responses: { 204: { description: "Deleted" }, ...notFound, 409: { description: "It has sub-departments (DEPARTMENT_HAS_CHILDREN)" } },
    handler: async (ctx) => {
      await deleteDepartment(db, ctx.principal.organizationId, actorOf(ctx.principal), ctx.params.id);
      noContent(ctx);
    },
  });
}
