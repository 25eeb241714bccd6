/** Renames or moves a department; the event lists what changed, and nothing changed writes nothing. */
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { departmentUpdated, OUTBOX_SCHEMA } from "../../events";
import { checkParentDepartment } from "./check-parent-department";
import { departmentRepository } from "./department.repository";
import { toDepartmentDto, type DepartmentDto, type DepartmentFields, type UpdateDepartmentInput } from "./department.schemas";

/**
 * @throws AppError 404 NOT_FOUND, 422 UNKNOWN_DEPARTMENT (parent), 422 DEPARTMENT_CYCLE; a taken
 *   name is the update's unique violation, which the caller maps
 */
export async function updateDepartment(tx: Tx, scope: Scope, input: { id: string; changes: UpdateDepartmentInput }): Promise<DepartmentDto> {
  const { organizationId } = scope;
  const { id, changes } = input;
  const repository = departmentRepository(tx);
  const current = await repository.find(organizationId, id);
  if (!current) throw notFound("Department");
  if (changes.parentId) await checkParentDepartment(tx, organizationId, id, changes.parentId);
  const changedFields = (Object.keys(changes) as (keyof DepartmentFields)[]).filter((key) => changes[key] !== current[key]);
  if (changedFields.length === 0) return toDepartmentDto(current);
  const department = await repository.update(organizationId, id, changes);
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: departmentUpdated,
    organizationId,
    aggregateType: "department",
    aggregateId: id,
    actor: scope.actor,
    data: { departmentId: id, name: department.name, parentId: department.parentId, changedFields },
  });
  return toDepartmentDto(department);
}
