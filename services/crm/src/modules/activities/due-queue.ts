/**
 * Keeps the due-task queue (crm.due_tasks, read by the sweeper across organizations) in step with a
 * task: queued while it is open, has a due time and was not announced for that due time.
 */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Activity } from "../../generated/prisma/client";

export async function syncDueQueue(tx: Tx, organizationId: OrganizationId, task: Activity): Promise<void> {
  if (task.type === "task" && task.dueAt && !task.doneAt && !task.dueNotifiedAt) {
    await tx.dueTask.upsert({
      where: { activityId: task.id },
      create: { activityId: task.id, organizationId, dueAt: task.dueAt },
      update: { dueAt: task.dueAt },
    });
  } else {
    await tx.dueTask.deleteMany({ where: { activityId: task.id } });
  }
}
