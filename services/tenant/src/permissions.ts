/** The permissions the tenant service's routes require; declared in @erp/permissions' catalog. */
import { tenantPermissions } from "@erp/permissions";

export const permissions = tenantPermissions;

export type TenantPermission = (typeof permissions)[keyof typeof permissions];

export const allPermissions: TenantPermission[] = Object.values(permissions);
