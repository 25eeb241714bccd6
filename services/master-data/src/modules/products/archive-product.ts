/** Archives a product: kept for its stock history and documents, gone from active lists. */
import { productArchived } from "@erp/event-catalog";
import { appendToOutbox, type Actor } from "@erp/events";
import { conflict, notFound } from "@erp/http-kit";
import type { MasterDataDb } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { productRepository } from "./product.repository";
import { toProductDto, type ProductDto } from "./product.schemas";

export async function archiveProduct(db: MasterDataDb, organizationId: string, actor: Actor, id: string): Promise<ProductDto> {
  return db.withOrganization(organizationId, async (tx) => {
    const repository = productRepository(tx);
    const row = await repository.find(organizationId, id);
    if (!row) throw notFound("Product");
    if (row.status === "archived") throw conflict("The product is already archived", "INVALID_STATE");
    const product = toProductDto(await repository.update(organizationId, id, { status: "archived", archivedAt: new Date() }));
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: productArchived,
      organizationId,
      aggregateType: "product",
      aggregateId: id,
      actor,
      data: { sku: product.sku, status: "archived" },
    });
    return product;
  });
}
