/**
 * Renames or moves a category. A new parent must exist in the organization and must not be the
 * category itself or one of its descendants (that would make a cycle).
 */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { categoryCycle } from "./category.errors";
import { categoryRepository } from "./category.repository";
import type { CategoryDto, UpdateCategoryInput } from "./category.schemas";
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
  if (!(await repository.find(organizationId, id))) throw notFound("Category");
  if (changes.parentId) {
    await checkParent(tx, organizationId, changes.parentId);
    if ((await repository.ancestry(organizationId, changes.parentId)).includes(id)) throw categoryCycle();
  }
  return categoryView(tx, organizationId, await repository.update(organizationId, id, changes));
}
