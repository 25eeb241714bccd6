/** A department's parent must be one of the organization's departments and must not be its descendant. */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import { createsCycle } from "../parent-chain";
import { departmentCycle, unknownParentDepartment } from "./department.errors";
import { departmentRepository } from "./department.repository";

/** @throws AppError 422 UNKNOWN_DEPARTMENT for an unknown parent, 422 DEPARTMENT_CYCLE for a loop */
export async function checkParentDepartment(tx: Tx, organizationId: OrganizationId, id: string, parentId: string): Promise<void> {
  const tree = await departmentRepository(tx).tree(organizationId);
  if (!tree.some((department) => department.id === parentId)) throw unknownParentDepartment();
  if (createsCycle(tree, id, parentId)) throw departmentCycle();
}
