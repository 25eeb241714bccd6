/** Restores an archived product: active, in active lists and editable again. */
import { productRestored } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { productNotArchived } from "./product.errors";
import { productRepository } from "./product.repository";
import { toProductDto, type ProductDto } from "./product.schemas";

/** @throws AppError 404 NOT_FOUND, 409 INVALID_STATE when it is not archived */
export async function restoreProduct(tx: Tx, scope: Scope, input: { id: string }): Promise<ProductDto> {
  const { organizationId } = scope;
  const repository = productRepository(tx);
  const row = await repository.find(organizationId, input.id);
  if (!row) throw notFound("Product");
  if (row.status !== "archived") throw productNotArchived();
  const product = toProductDto(await repository.update(organizationId, row.id, { status: "active", archivedAt: null }));
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: productRestored,
    organizationId,
    aggregateType: "product",
    aggregateId: row.id,
    actor: scope.actor,
    data: { sku: product.sku, status: "active" },
  });
  return product;
}
