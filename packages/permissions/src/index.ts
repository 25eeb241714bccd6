/** The permission catalog of every service, and the built-in roles derived from it. */
export { definePermissions, listPermissions, isDeclaredPermission, type PermissionDefinition, type PermissionLevel } from "./define";
export { BUILT_IN_ROLES, builtInRolePermissions, isBuiltInRole, type BuiltInRole } from "./built-in-roles";
export { tenantPermissions } from "./catalog/tenant";
export { authPermissions } from "./catalog/auth";
export { masterDataPermissions } from "./catalog/master-data";
export { userPermissions } from "./catalog/user";
export { financePermissions } from "./catalog/finance";
export { crmPermissions } from "./catalog/crm";
