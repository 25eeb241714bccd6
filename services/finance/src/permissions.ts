/** The permissions the finance service's routes require; declared in @erp/permissions' catalog. */
import { financePermissions } from "@erp/permissions";

export const permissions = financePermissions;

export type FinancePermission = (typeof permissions)[keyof typeof permissions];

export const allPermissions: FinancePermission[] = Object.values(permissions);
