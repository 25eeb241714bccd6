/** The departments module's errors; members and invitations refer to departments too. */
import { conflict, unprocessable } from "@erp/errors";

export const UNKNOWN_DEPARTMENT = "UNKNOWN_DEPARTMENT";
export const DEPARTMENT_CYCLE = "DEPARTMENT_CYCLE";
export const DEPARTMENT_HAS_CHILDREN = "DEPARTMENT_HAS_CHILDREN";

/** 422 UNKNOWN_DEPARTMENT: a member or invitation names a department the organization does not have. */
export const unknownDepartment = () =>
  unprocessable(UNKNOWN_DEPARTMENT, "The department does not exist", [{ path: "departmentId", message: "No such department" }]);

/** 422 UNKNOWN_DEPARTMENT: the parent named is not one of the organization's departments. */
export const unknownParentDepartment = () =>
  unprocessable(UNKNOWN_DEPARTMENT, "The parent department does not exist", [{ path: "parentId", message: "No such department" }]);

/** 422 DEPARTMENT_CYCLE: the new parent is the department itself or one of its descendants. */
export const departmentCycle = () =>
  unprocessable(DEPARTMENT_CYCLE, "The parent would make the department its own ancestor", [{ path: "parentId", message: "Creates a cycle" }]);

/** 409 CONFLICT: another department of the organization has the name. */
export const departmentNameTaken = (name: string | undefined) => conflict(`A department named ${name} already exists`);

/** 409 DEPARTMENT_HAS_CHILDREN: sub-departments must be moved or deleted first. */
export const departmentHasChildren = () =>
  conflict("The department has sub-departments; move or delete them first", DEPARTMENT_HAS_CHILDREN);
