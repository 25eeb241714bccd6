/** Deletes a product that never moved in stock; one with stock history must be archived instead. */
import { isForeignKeyViolation } from "@erp/db";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { productArchived, productHasMovements } from "./product.errors";
import { productRepository } from "./product.repository";

/**
 * The movements' foreign key is what refuses the delete: no check-then-delete race.
 * @throws AppError 404 NOT_FOUND, 409 CONFLICT when stock movements refer to the product, 409
 *   INVALID_STATE when it is archived (read-only until restored)
 */
export async function deleteProduct(tx: Tx, scope: Scope, input: { id: string }): Promise<void> {
  const repository = productRepository(tx);
  const row = await repository.find(scope.organizationId, input.id);
  if (!row) throw notFound("Product");
  if (row.status === "archived") throw productArchived();
  try {
    await repository.delete(scope.organizationId, input.id);
  } catch (err) {
    // The failed statement aborts the transaction; throwing rolls it back.
    if (isForeignKeyViolation(err)) throw productHasMovements();
    throw err;
  }
}
