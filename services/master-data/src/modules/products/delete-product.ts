/** Deletes a product that never moved in stock; one with stock history must be archived instead. */
import { isForeignKeyViolation } from "@erp/db";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { productHasMovements } from "./product.errors";
import { productRepository } from "./product.repository";

/**
 * The movements' foreign key is what refuses the delete: no check-then-delete race.
 * @throws AppError 404 NOT_FOUND, 409 CONFLICT when stock movements refer to the product
 */
export async function deleteProduct(tx: Tx, scope: Scope, input: { id: string }): Promise<void> {
  const repository = productRepository(tx);
  if (!(await repository.find(scope.organizationId, input.id))) throw notFound("Product");
  try {
    await repository.delete(scope.organizationId, input.id);
  } catch (err) {
    // The failed statement aborts the transaction; throwing rolls it back.
    if (isForeignKeyViolation(err)) throw productHasMovements();
    throw err;
  }
}
