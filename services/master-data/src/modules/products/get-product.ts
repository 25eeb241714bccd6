/** One product of the organization. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { productRepository } from "./product.repository";
import { toProductDto, type ProductDto } from "./product.schemas";

/** @throws AppError 404 NOT_FOUND, also for another organization's product */
export async function getProduct(tx: Tx, scope: Scope, input: { id: string }): Promise<ProductDto> {
  const row = await productRepository(tx).find(scope.organizationId, input.id);
  if (!row) throw notFound("Product");
  return toProductDto(row);
}
