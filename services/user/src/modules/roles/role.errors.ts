/** The roles module's business-rule errors (422); members and invitations name roles too. */
import { unprocessable } from "@erp/errors";

export const UNKNOWN_ROLE = "UNKNOWN_ROLE";
export const BUILT_IN_ROLE = "BUILT_IN_ROLE";
export const ROLE_CYCLE = "ROLE_CYCLE";

/** Role names the organization does not have: one detail per name. */
export const unknownRoles = (names: string[]) =>
  unprocessable(UNKNOWN_ROLE, "Unknown roles", names.map((name) => ({ path: "roles", message: `No role named ${name}` })));

export const unknownParentRole = () =>
  unprocessable(UNKNOWN_ROLE, "The parent role does not exist", [{ path: "parentId", message: "No such role" }]);

/** Built-in roles come from the permission catalog's levels and are never edited. */
export const builtInRole = (name: string) => unprocessable(BUILT_IN_ROLE, `The built-in role ${name} cannot be changed or deleted`);

/** The new parent is the role itself or inherits from it. */
export const roleCycle = () =>
  unprocessable(ROLE_CYCLE, "The parent would make the role inherit from itself", [{ path: "parentId", message: "Creates a cycle" }]);
