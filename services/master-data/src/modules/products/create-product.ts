/** Creates a product or service; its SKU is unique in the organization. */
import { isUniqueViolation, uuidv7 } from "@erp/db";
import { productCreated } from "@erp/event-catalog";
import { appendToOutbox, type Actor } from "@erp/events";
import { conflict } from "@erp/http-kit";
import type { MasterDataDb, Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { unknownCategory } from "../categories/category.errors";
import { productRepository } from "./product.repository";
import { productSnapshot, toProductDto, type CreateProductInput, type ProductDto } from "./product.schemas";

export async function createProduct(db: MasterDataDb, organizationId: string, actor: Actor, input: CreateProductInput): Promise<ProductDto> {
  try {
    return await db.withOrganization(organizationId, (tx) => insertProduct(tx, organizationId, actor, input));
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`A product with SKU ${input.sku} already exists`);
    throw err;
  }
}

/** The insert and its event inside the caller's transaction (also used by imports). */
export async function insertProduct(tx: Tx, organizationId: string, actor: Actor, input: CreateProductInput): Promise<ProductDto> {
  const repository = productRepository(tx);
  await checkCategory(tx, organizationId, input.categoryId);
  const product = toProductDto(await repository.create(organizationId, { ...input, id: uuidv7() }));
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: productCreated,
    organizationId,
    aggregateType: "product",
    aggregateId: product.id,
    actor,
    data: productSnapshot(product),
  });
  return product;
}

export async function checkCategory(tx: Tx, organizationId: string, categoryId: string | null | undefined): Promise<void> {
  if (categoryId && !(await productRepository(tx).categoryExists(organizationId, categoryId))) throw unknownCategory("categoryId");
}
