/** Changes some fields of a product; the event lists what changed. */
import { isUniqueViolation } from "@erp/db";
import { productUpdated } from "@erp/event-catalog";
import { appendToOutbox, type Actor } from "@erp/events";
import { conflict, notFound } from "@erp/http-kit";
import type { MasterDataDb } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { changedFields } from "../../record-changes";
import { checkCategory } from "./create-product";
import { productRepository } from "./product.repository";
import { productSnapshot, toProductDto, updatableProductFields, type ProductDto, type UpdateProductInput } from "./product.schemas";

export async function updateProduct(
  db: MasterDataDb,
  organizationId: string,
  actor: Actor,
  id: string,
  input: UpdateProductInput,
): Promise<ProductDto> {
  try {
    return await db.withOrganization(organizationId, async (tx) => {
      const repository = productRepository(tx);
      const row = await repository.find(organizationId, id);
      if (!row) throw notFound("Product");
      const before = toProductDto(row);
      const changed = changedFields(before, { ...before, ...input }, updatableProductFields);
      if (changed.length === 0) return before;
      await checkCategory(tx, organizationId, input.categoryId);

      const product = toProductDto(await repository.update(organizationId, id, input));
      await appendToOutbox(tx, OUTBOX_SCHEMA, {
        event: productUpdated,
        organizationId,
        aggregateType: "product",
        aggregateId: id,
        actor,
        data: { ...productSnapshot(product), changedFields: changed },
      });
      return product;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`A product with SKU ${input.sku} already exists`);
    throw err;
  }
}
