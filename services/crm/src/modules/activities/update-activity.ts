/**
 * Changes an activity; completes and reopens tasks. A task whose due time changes is announced
 * again when the new time comes (crm.task.due is once per due time).
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { notATask, taskAlready } from "./activity.errors";
import { activityRepository } from "./activity.repository";
import { toActivityDto, type ActivityDto, type UpdateActivityInput } from "./activity.schemas";
import { syncDueQueue } from "./due-queue";
import { findActivity } from "./get-activity";
import { requireActiveMember } from "../members/require-active-member";

/** @throws AppError 404; 422 NOT_A_TASK when a non-task is given a due time or an assignee, NOT_AN_ACTIVE_MEMBER (a new assignee) */
export async function updateActivity(tx: Tx, scope: Scope, input: { id: string; changes: UpdateActivityInput }): Promise<ActivityDto> {
  const { organizationId } = scope;
  const repository = activityRepository(tx);
  await repository.lock(organizationId, input.id);
  const activity = await findActivity(tx, scope, input.id);
  const { changes } = input;
  if (activity.type !== "task" && (changes.dueAt != null || changes.assigneeId != null)) throw notATask(changes.dueAt != null ? "dueAt" : "assigneeId");
  if (changes.assigneeId && changes.assigneeId !== activity.assigneeId) await requireActiveMember(tx, scope, { userId: changes.assigneeId, path: "assigneeId" });
  const dueAt = changes.dueAt === undefined ? activity.dueAt : changes.dueAt === null ? null : new Date(changes.dueAt);
  const dueChanged = (dueAt?.getTime() ?? null) !== (activity.dueAt?.getTime() ?? null);
  const row = await repository.update(organizationId, activity.id, {
    ...(changes.subject === undefined ? {} : { subject: changes.subject }),
    ...(changes.body === undefined ? {} : { body: changes.body }),
    ...(changes.occurredAt === undefined ? {} : { occurredAt: new Date(changes.occurredAt) }),
    ...(changes.durationMinutes === undefined ? {} : { durationMinutes: changes.durationMinutes }),
    ...(changes.assigneeId === undefined ? {} : { assigneeId: changes.assigneeId }),
    ...(dueChanged ? { dueAt, dueNotifiedAt: null } : {}),
  });
  await syncDueQueue(tx, organizationId, row);
  return toActivityDto(row);
}

/** Marks a task done (`done`) or open again. @throws AppError 404; 422 NOT_A_TASK; 409 INVALID_STATE */
export async function setTaskDone(tx: Tx, scope: Scope, input: { id: string; done: boolean }): Promise<ActivityDto> {
  const { organizationId } = scope;
  const repository = activityRepository(tx);
  await repository.lock(organizationId, input.id);
  const activity = await findActivity(tx, scope, input.id);
  if (activity.type !== "task") throw notATask();
  if ((activity.doneAt !== null) === input.done) throw taskAlready(input.done ? "done" : "open");
  const row = await repository.update(organizationId, activity.id, { doneAt: input.done ? new Date() : null });
  await syncDueQueue(tx, organizationId, row);
  return toActivityDto(row);
}

/** @throws AppError 404 */
export async function deleteActivity(tx: Tx, scope: Scope, input: { id: string }): Promise<void> {
  const activity = await findActivity(tx, scope, input.id);
  await tx.dueTask.deleteMany({ where: { activityId: activity.id } });
  await activityRepository(tx).delete(scope.organizationId, activity.id);
}
