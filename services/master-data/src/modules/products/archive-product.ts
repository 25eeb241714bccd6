/** Archives a product: kept for its stock history and documents, gone from active lists. */
import { productArchived } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { productAlreadyArchived } from "./product.errors";
import { productRepository } from "./product.repository";
import { toProductDto, type ProductDto } from "./product.schemas";

/** @throws AppError 404 NOT_FOUND, 409 INVALID_STATE when already archived */
export async function archiveProduct(tx: Tx, scope: Scope, input: { id: string }): Promise<ProductDto> {
  const { organizationId } = scope;
  const repository = productRepository(tx);
  const row = await repository.find(organizationId, input.id);
  if (!row) throw notFound("Product");
  if (row.status === "archived") throw productAlreadyArchived();
  const product = toProductDto(await repository.update(organizationId, input.id, { status: "archived", archivedAt: new Date() }));
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: productArchived,
    organizationId,
    aggregateType: "product",
    aggregateId: input.id,
    actor: scope.actor,
    data: { sku: product.sku, status: "archived" },
  });
  return product;
}
