/** Every department of the organization, by name; a client builds the tree from `parentId`. */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { departmentRepository } from "./department.repository";
import { toDepartmentDto, type DepartmentDto } from "./department.schemas";

export async function listDepartments(tx: Tx, scope: Scope): Promise<DepartmentDto[]> {
  return (await departmentRepository(tx).list(scope.organizationId)).map(toDepartmentDto);
}
