/** Deletes a category without subcategories or products, with its deleted event. */
import { isForeignKeyViolation } from "@erp/db";
import { categoryDeleted } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { categoryInUse } from "./category.errors";
import { categoryRepository } from "./category.repository";
import { categorySnapshot } from "./category.schemas";

/**
 * The foreign keys of subcategories and products are what refuse the delete: no check-then-delete race.
 * @throws AppError 404 NOT_FOUND, 409 CONFLICT when subcategories or products refer to it
 */
export async function deleteCategory(tx: Tx, scope: Scope, input: { id: string }): Promise<void> {
  const { organizationId } = scope;
  const repository = categoryRepository(tx);
  const row = await repository.find(organizationId, input.id);
  if (!row) throw notFound("Category");
  try {
    await repository.delete(organizationId, row.id);
  } catch (err) {
    // The failed statement aborts the transaction; throwing rolls it back.
    if (isForeignKeyViolation(err)) throw categoryInUse();
    throw err;
  }
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: categoryDeleted,
    organizationId,
    aggregateType: "category",
    aggregateId: row.id,
    actor: scope.actor,
    data: categorySnapshot(row),
  });
}
