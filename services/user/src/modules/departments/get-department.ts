/** One department of the organization. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { departmentRepository } from "./department.repository";
import { toDepartmentDto, type DepartmentDto } from "./department.schemas";

/** @throws AppError 404 NOT_FOUND, also for another organization's department */
export async function getDepartment(tx: Tx, scope: Scope, input: { id: string }): Promise<DepartmentDto> {
  const department = await departmentRepository(tx).find(scope.organizationId, input.id);
  if (!department) throw notFound("Department");
  return toDepartmentDto(department);
}
