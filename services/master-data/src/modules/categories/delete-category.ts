/** Deletes a category without subcategories or products. */
import { isForeignKeyViolation } from "@erp/db";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { categoryInUse } from "./category.errors";
import { categoryRepository } from "./category.repository";

/**
 * The foreign keys of subcategories and products are what refuse the delete: no check-then-delete race.
 * @throws AppError 404 NOT_FOUND, 409 CONFLICT when subcategories or products refer to it
 */
export async function deleteCategory(tx: Tx, scope: Scope, input: { id: string }): Promise<void> {
  const repository = categoryRepository(tx);
  if (!(await repository.find(scope.organizationId, input.id))) throw notFound("Category");
  try {
    await repository.delete(scope.organizationId, input.id);
  } catch (err) {
    // The failed statement aborts the transaction; throwing rolls it back.
    if (isForeignKeyViolation(err)) throw categoryInUse();
    throw err;
  }
}
