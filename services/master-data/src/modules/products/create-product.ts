/** Creates a product or service and its created event; its SKU is unique in the organization. */
import { uuidv7 } from "@erp/db";
import { productCreated } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { currencyOrBase } from "../settings/default-currency";
import { checkCategory } from "./check-category";
import { checkSkuFree } from "./check-sku";
import { productRepository } from "./product.repository";
import { productSnapshot, toProductDto, type CreateProductInput, type ProductDto } from "./product.schemas";

/**
 * Also what the CSV import runs per row, in the import's transaction.
 * Without a currency it gets the organization's base currency.
 * @throws AppError 422 UNKNOWN_CATEGORY, or CURRENCY_REQUIRED (none given, base currency unknown);
 *   409 CONFLICT naming the product that has the SKU (in any case); a concurrent creation with the
 *   same SKU is the insert's unique violation, which the caller maps
 */
export async function createProduct(tx: Tx, scope: Scope, input: CreateProductInput): Promise<ProductDto> {
  const { organizationId } = scope;
  await checkSkuFree(tx, organizationId, input.sku);
  await checkCategory(tx, organizationId, input.categoryId);
  const currency = await currencyOrBase(tx, organizationId, input.currency);
  const product = toProductDto(await productRepository(tx).create(organizationId, { ...input, currency, id: uuidv7() }));
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: productCreated,
    organizationId,
    aggregateType: "product",
    aggregateId: product.id,
    actor: scope.actor,
    data: productSnapshot(product),
  });
  return product;
}
