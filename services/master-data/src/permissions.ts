/** The permissions the master-data service's routes require; declared in @erp/permissions' catalog. */
import { masterDataPermissions } from "@erp/permissions";

export const permissions = masterDataPermissions;

export type MasterDataPermission = (typeof permissions)[keyof typeof permissions];

export const allPermissions: MasterDataPermission[] = Object.values(permissions);
