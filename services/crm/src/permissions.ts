/** The permissions the CRM service's routes require; declared in @erp/permissions' catalog. */
import { crmPermissions } from "@erp/permissions";

export const permissions = crmPermissions;

export type CrmPermission = (typeof permissions)[keyof typeof permissions];

export const allPermissions: CrmPermission[] = Object.values(permissions);
