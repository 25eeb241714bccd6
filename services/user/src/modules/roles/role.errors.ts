/** The roles module's errors; members and invitations name roles too. */
import { conflict, unprocessable } from "@erp/errors";

export const UNKNOWN_ROLE = "UNKNOWN_ROLE";
export const BUILT_IN_ROLE = "BUILT_IN_ROLE";
export const ROLE_CYCLE = "ROLE_CYCLE";
export const ROLE_IN_USE = "ROLE_IN_USE";

/** 422 UNKNOWN_ROLE: role names the organization does not have, one detail per name. */
export const unknownRoles = (names: string[]) =>
  unprocessable(UNKNOWN_ROLE, "Unknown roles", names.map((name) => ({ path: "roles", message: `No role named ${name}` })));

/** 422 UNKNOWN_ROLE: the parent named is not one of the organization's roles. */
export const unknownParentRole = () =>
  unprocessable(UNKNOWN_ROLE, "The parent role does not exist", [{ path: "parentId", message: "No such role" }]);

/** 422 BUILT_IN_ROLE: built-in roles come from the permission catalog's levels and are never edited. */
export const builtInRole = (name: string) => unprocessable(BUILT_IN_ROLE, `The built-in role ${name} cannot be changed or deleted`);

/** 422 ROLE_CYCLE: the new parent is the role itself or inherits from it. */
export const roleCycle = () =>
  unprocessable(ROLE_CYCLE, "The parent would make the role inherit from itself", [{ path: "parentId", message: "Creates a cycle" }]);

/** 409 CONFLICT: another role of the organization has the name. */
export const roleNameTaken = (name: string | undefined) => conflict(`A role named ${name} already exists`);

/** 409 ROLE_IN_USE: members hold it, roles inherit from it or pending invitations promise it. */
export const roleInUse = (usage: { members: number; children: number; invitations: number }) =>
  conflict(
    `The role is in use (${usage.members} members, ${usage.children} child roles, ${usage.invitations} pending invitations)`,
    ROLE_IN_USE,
  );
