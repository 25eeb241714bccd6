/** Deletes a department without sub-departments; its members are left without one. */
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { departmentDeleted, OUTBOX_SCHEMA } from "../../events";
import { departmentHasChildren } from "./department.errors";
import { departmentRepository } from "./department.repository";

/** @throws AppError 404 NOT_FOUND, 409 DEPARTMENT_HAS_CHILDREN */
export async function deleteDepartment(tx: Tx, scope: Scope, input: { id: string }): Promise<void> {
  const { organizationId } = scope;
  const repository = departmentRepository(tx);
  const current = await repository.find(organizationId, input.id);
  if (!current) throw notFound("Department");
  if ((await repository.countChildren(organizationId, input.id)) > 0) throw departmentHasChildren();
  await repository.delete(organizationId, input.id);
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: departmentDeleted,
    organizationId,
    aggregateType: "department",
    aggregateId: input.id,
    actor: scope.actor,
    data: { departmentId: input.id, name: current.name },
  });
}
