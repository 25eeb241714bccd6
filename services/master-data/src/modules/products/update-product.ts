/** Changes some fields of a product; the event lists what changed, and nothing changed writes nothing. */
import { productUpdated } from "@erp/event-catalog";
import { appendToOutbox, changedFields } from "@erp/events";
import { notFound } from "@erp/errors";
import { Decimal } from "@erp/money";
import type { OrganizationId, Scope } from "@erp/scope";
import { normaliseCode } from "../../codes";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import type { Product } from "../../generated/prisma/client";
import { checkCategory } from "./check-category";
import { checkSkuFree } from "./check-sku";
import { currencyLockedByStock, productArchived } from "./product.errors";
import { productRepository } from "./product.repository";
import { productSnapshot, toProductDto, updatableProductFields, type ProductDto, type UpdateProductInput } from "./product.schemas";

/**
 * @throws AppError 404 NOT_FOUND, 422 UNKNOWN_CATEGORY; 409 INVALID_STATE when it is archived;
 *   409 CONFLICT naming the product that has the new SKU (a concurrent change taking it is the
 *   update's unique violation, which the caller maps)
 */
export async function updateProduct(tx: Tx, scope: Scope, input: { id: string; changes: UpdateProductInput }): Promise<ProductDto> {
  const row = await productRepository(tx).find(scope.organizationId, input.id);
  if (!row) throw notFound("Product");
  return changeProduct(tx, scope, row, input.changes);
}

/**
 * The product's stock is valued in its currency: with stock, the currency stays. The row is locked
 * first, so that a movement in flight either finishes before the check or waits and reads the new
 * currency.
 * @throws AppError 409 PRODUCT_HAS_STOCK
 */
async function checkNoStock(tx: Tx, organizationId: OrganizationId, row: Product): Promise<void> {
  const repository = productRepository(tx);
  await repository.lock(organizationId, row.id);
  if ((await repository.withStock(organizationId, [row.id])).size > 0) throw currencyLockedByStock(row.currency);
}

/** The decimal columns' scales: a change is compared as stored ("13" is the stored "13.00"). */
const scales = { salePrice: 2, purchaseCost: 4, taxRate: 2, reorderLevel: 3 } as const;

/** The fields `changes` would change on `row`, in the order of the API shape; none: nothing to write. */
export function productChanges(row: Product, changes: UpdateProductInput): string[] {
  const before = toProductDto(row);
  const after: Record<string, unknown> = { ...before, ...changes };
  for (const [field, scale] of Object.entries(scales)) {
    const value = changes[field as keyof typeof scales];
    if (value) after[field] = new Decimal(value).toFixed(scale);
  }
  return changedFields(before, after, updatableProductFields);
}

/**
 * Writes `changes` over `row` with its updated event, unless nothing changes. Also what the CSV
 * import runs per matched row in upsert mode.
 * @throws AppError 409 INVALID_STATE when it is archived (read-only until restored), also when
 *   nothing would change; 409 CONFLICT naming the product that has the new SKU; 409
 *   PRODUCT_HAS_STOCK when the currency would change while it has stock; 422 UNKNOWN_CATEGORY
 */
export async function changeProduct(tx: Tx, scope: Scope, row: Product, changes: UpdateProductInput): Promise<ProductDto> {
  const { organizationId } = scope;
  if (row.status === "archived") throw productArchived();
  const changed = productChanges(row, changes);
  if (changed.length === 0) return toProductDto(row);
  if (changed.includes("currency")) await checkNoStock(tx, organizationId, row);
  if (changes.sku !== undefined && normaliseCode(changes.sku) !== normaliseCode(row.sku)) await checkSkuFree(tx, organizationId, changes.sku);
  await checkCategory(tx, organizationId, changes.categoryId);

  const product = toProductDto(await productRepository(tx).update(organizationId, row.id, changes));
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: productUpdated,
    organizationId,
    aggregateType: "product",
    aggregateId: row.id,
    actor: scope.actor,
    data: { ...productSnapshot(product), changedFields: changed },
  });
  return product;
}
