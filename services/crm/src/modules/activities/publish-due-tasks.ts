/**
 * The task-due sweep: every open task whose due time has come gets crm.task.due, once. The queue
 * (crm.due_tasks) is read across organizations; each organization's due tasks are then claimed by
 * deleting their queue rows in that organization's transaction, which also marks the tasks and
 * writes the events: two sweepers (two replicas) never announce a task twice, because the second
 * one's delete waits for the first and then finds nothing. Like an export, it takes the database.
 */
import { taskDue } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import type { CrmDb } from "../../db";
import { asService, OUTBOX_SCHEMA } from "../../events";
import { activityLinks, toActivityDto } from "./activity.schemas";

/** @returns how many tasks were announced */
export async function publishDueTasks(db: CrmDb, options: { now?: Date; batch?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const due = await db.transaction((tx) =>
    tx.dueTask.findMany({ where: { dueAt: { lte: now } }, orderBy: { dueAt: "asc" }, take: options.batch ?? 200 }),
  );
  const byOrganization = new Map<string, string[]>();
  for (const row of due) byOrganization.set(row.organizationId, [...(byOrganization.get(row.organizationId) ?? []), row.activityId]);
  let published = 0;
  for (const [organizationId, ids] of byOrganization) {
    const scope = asService(organizationId);
    published += await db.withOrganization(scope.organizationId, async (tx) => {
      const claimed = await tx.$queryRaw<{ activity_id: string }[]>`
        DELETE FROM due_tasks WHERE organization_id = ${organizationId}::uuid AND activity_id = ANY(${ids}::uuid[]) AND due_at <= ${now}
        RETURNING activity_id`;
      const tasks = await tx.activity.findMany({
        where: { organizationId: scope.organizationId, id: { in: claimed.map((c) => c.activity_id) }, type: "task", doneAt: null, dueNotifiedAt: null, dueAt: { lte: now } },
      });
      for (const task of tasks) {
        const dto = toActivityDto(await tx.activity.update({ where: { id: task.id }, data: { dueNotifiedAt: now } }));
        await appendToOutbox(tx, OUTBOX_SCHEMA, {
          event: taskDue,
          organizationId,
          aggregateType: "activity",
          aggregateId: dto.id,
          actor: scope.actor,
          data: { subject: dto.subject, dueAt: dto.dueAt!, assigneeId: dto.assigneeId, links: activityLinks(dto) },
        });
      }
      return tasks.length;
    });
  }
  return published;
}
