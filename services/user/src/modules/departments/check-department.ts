/** Departments other modules name (a member's, an invitation's) must be the organization's. */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import { unknownDepartment } from "./department.errors";
import { departmentRepository } from "./department.repository";

/** @throws AppError 422 UNKNOWN_DEPARTMENT when `departmentId` is given and not the organization's */
export async function checkDepartment(tx: Tx, organizationId: OrganizationId, departmentId: string | null | undefined): Promise<void> {
  if (departmentId && !(await departmentRepository(tx).exists(organizationId, departmentId))) throw unknownDepartment();
}
