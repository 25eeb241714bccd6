/** Creates a department, at the top or under a parent. */
import { uuidv7 } from "@erp/db";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { departmentCreated, OUTBOX_SCHEMA } from "../../events";
import { checkParentDepartment } from "./check-parent-department";
import { departmentRepository } from "./department.repository";
import { toDepartmentDto, type CreateDepartmentInput, type DepartmentDto } from "./department.schemas";

/**
 * @throws AppError 422 UNKNOWN_DEPARTMENT (parent); a taken name is the insert's unique violation,
 *   which the caller maps (the route: 409 through `inTransaction`'s `conflict`)
 */
export async function createDepartment(tx: Tx, scope: Scope, input: CreateDepartmentInput): Promise<DepartmentDto> {
  const { organizationId } = scope;
  const id = uuidv7();
  const parentId = input.parentId ?? null;
  if (parentId) await checkParentDepartment(tx, organizationId, id, parentId);
  const department = await departmentRepository(tx).create(organizationId, id, { name: input.name, parentId });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: departmentCreated,
    organizationId,
    aggregateType: "department",
    aggregateId: id,
    actor: scope.actor,
    data: { departmentId: id, name: department.name, parentId },
  });
  return toDepartmentDto(department);
}
