/**
 * Renames or moves a category, with an updated event listing what changed (nothing changed writes
 * nothing). A new parent must exist in the organization and must not be the category itself or
 * one of its descendants (that would make a cycle).
 */
import { categoryUpdated } from "@erp/event-catalog";
import { appendToOutbox, changedFields } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { categoryCycle } from "./category.errors";
import { categoryRepository } from "./category.repository";
import { categorySnapshot, type CategoryDto, type UpdateCategoryInput } from "./category.schemas";
import { categoryView } from "./category-views";
import { checkParent } from "./check-parent";

/**
 * @throws AppError 404 NOT_FOUND, 422 UNKNOWN_CATEGORY or CATEGORY_CYCLE; a sibling with the new
 *   name is the update's unique violation, which the caller maps
 */
export async function updateCategory(tx: Tx, scope: Scope, input: { id: string; changes: UpdateCategoryInput }): Promise<CategoryDto> {
  const { organizationId } = scope;
  const { id, changes } = input;
  const repository = categoryRepository(tx);
  if (changes.parentId !== undefined) await repository.lockTree(organizationId);
  const row = await repository.find(organizationId, id);
  if (!row) throw notFound("Category");
  const before = categorySnapshot(row);
  const changed = changedFields(before, { ...before, ...changes }, ["name", "parentId"]);
  if (changed.length === 0) return categoryView(tx, organizationId, row);
  if (changes.parentId) {
    await checkParent(tx, organizationId, changes.parentId);
    if ((await repository.ancestry(organizationId, changes.parentId)).includes(id)) throw categoryCycle();
  }
  const updated = await repository.update(organizationId, id, changes);
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: categoryUpdated,
    organizationId,
    aggregateType: "category",
    aggregateId: id,
    actor: scope.actor,
    data: { ...categorySnapshot(updated), changedFields: changed },
  });
  return categoryView(tx, organizationId, updated);
}
