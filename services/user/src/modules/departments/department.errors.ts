/** The departments module's business-rule errors (422); members and invitations refer to departments too. */
import { unprocessable } from "@erp/errors";

export const UNKNOWN_DEPARTMENT = "UNKNOWN_DEPARTMENT";
export const DEPARTMENT_CYCLE = "DEPARTMENT_CYCLE";

/** A member or invitation names a department the organization does not have. */
export const unknownDepartment = () =>
  unprocessable(UNKNOWN_DEPARTMENT, "The department does not exist", [{ path: "departmentId", message: "No such department" }]);

export const unknownParentDepartment = () =>
  unprocessable(UNKNOWN_DEPARTMENT, "The parent department does not exist", [{ path: "parentId", message: "No such department" }]);

/** The new parent is the department itself or one of its descendants. */
export const departmentCycle = () =>
  unprocessable(DEPARTMENT_CYCLE, "The parent would make the department its own ancestor", [{ path: "parentId", message: "Creates a cycle" }]);
