/** Changes some fields of a product; the event lists what changed, and nothing changed writes nothing. */
import { productUpdated } from "@erp/event-catalog";
import { appendToOutbox, changedFields } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import { normaliseCode } from "../../codes";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { checkCategory } from "./check-category";
import { checkSkuFree } from "./check-sku";
import { productRepository } from "./product.repository";
import { productSnapshot, toProductDto, updatableProductFields, type ProductDto, type UpdateProductInput } from "./product.schemas";

/**
 * @throws AppError 404 NOT_FOUND, 422 UNKNOWN_CATEGORY; 409 CONFLICT naming the product that has
 *   the new SKU (a concurrent change taking it is the update's unique violation, which the caller maps)
 */
export async function updateProduct(tx: Tx, scope: Scope, input: { id: string; changes: UpdateProductInput }): Promise<ProductDto> {
  const { organizationId } = scope;
  const { id, changes } = input;
  const repository = productRepository(tx);
  const row = await repository.find(organizationId, id);
  if (!row) throw notFound("Product");
  const before = toProductDto(row);
  const changed = changedFields(before, { ...before, ...changes }, updatableProductFields);
  if (changed.length === 0) return before;
  if (changes.sku !== undefined && normaliseCode(changes.sku) !== normaliseCode(row.sku)) await checkSkuFree(tx, organizationId, changes.sku);
  await checkCategory(tx, organizationId, changes.categoryId);

  const product = toProductDto(await repository.update(organizationId, id, changes));
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: productUpdated,
    organizationId,
    aggregateType: "product",
    aggregateId: id,
    actor: scope.actor,
    data: { ...productSnapshot(product), changedFields: changed },
  });
  return product;
}
