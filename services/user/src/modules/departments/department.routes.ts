/** The caller's organization's departments. */
import { inTransaction } from "@erp/db";
import { created, noContent, pageSchema, wholeListQuery, wholePage, type ServiceApp } from "@erp/http-kit";
import { userPermissions as permissions } from "@erp/permissions";
import type { UserDb } from "../../db";
import { createDepartment } from "./create-department";
import { deleteDepartment } from "./delete-department";
import { DEPARTMENT_CYCLE, DEPARTMENT_HAS_CHILDREN, departmentNameTaken, UNKNOWN_DEPARTMENT } from "./department.errors";
import { createDepartmentBody, departmentDto, departmentIdParams, updateDepartmentBody } from "./department.schemas";
import { getDepartment } from "./get-department";
import { listDepartments } from "./list-departments";
import { updateDepartment } from "./update-department";

const tags = ["Departments"];
const notFound = { 404: { description: "No such department in the caller's organization (NOT_FOUND)" } };
const nameTaken = { 409: { description: "The name is taken", codes: ["CONFLICT"] } };
const badParent = { 422: { description: "Unknown parent, or one that would close a cycle", codes: [UNKNOWN_DEPARTMENT, DEPARTMENT_CYCLE] } };

export function registerDepartmentRoutes(route: ServiceApp["route"], db: UserDb): void {
  route({
    method: "get",
    path: "/departments",
    summary: "Every department (a tree by parentId)",
    tags,
    access: { permission: permissions.departmentRead },
    request: { query: wholeListQuery },
    responses: { 200: { description: "Departments by name", schema: pageSchema(departmentDto) } },
    handler: async ({ scope, query }) => {
      const departments = await inTransaction(db, scope, (tx) => listDepartments(tx, scope));
      return wholePage(departments, query);
    },
  });

  route({
    method: "post",
    path: "/departments",
    summary: "Create a department",
    tags,
    access: { permission: permissions.departmentManage },
    request: { body: createDepartmentBody },
    responses: { 201: { description: "The department", schema: departmentDto }, ...nameTaken, ...badParent },
    handler: async (ctx) => {
      const { scope, body } = ctx;
      const department = await inTransaction(db, scope, (tx) => createDepartment(tx, scope, body), {
        conflict: () => departmentNameTaken(body.name),
      });
      created(ctx, department, ctx.location(`/departments/${department.id}`));
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
    handler: ({ scope, params }) => inTransaction(db, scope, (tx) => getDepartment(tx, scope, params)),
  });

  route({
    method: "patch",
    path: "/departments/{id}",
    summary: "Rename or move a department",
    tags,
    access: { permission: permissions.departmentManage },
    request: { params: departmentIdParams, body: updateDepartmentBody },
    responses: { 200: { description: "The department", schema: departmentDto }, ...notFound, ...nameTaken, ...badParent },
    handler: ({ scope, params, body }) =>
      inTransaction(db, scope, (tx) => updateDepartment(tx, scope, { id: params.id, changes: body }), {
        conflict: () => departmentNameTaken(body.name),
      }),
  });

  route({
    method: "delete",
    path: "/departments/{id}",
    summary: "Delete a department without sub-departments (its members keep no department)",
    tags,
    access: { permission: permissions.departmentManage },
    request: { params: departmentIdParams },
    responses: {
      204: { description: "Deleted" },
      ...notFound,
      409: { description: "It has sub-departments", codes: [DEPARTMENT_HAS_CHILDREN] },
    },
    handler: async (ctx) => {
      await inTransaction(db, ctx.scope, (tx) => deleteDepartment(tx, ctx.scope, ctx.params));
      noContent(ctx);
    },
  });
}
