/** A SKU is free when no other product of the organization has it in any case. */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import { skuTaken } from "./product.errors";
import { productRepository } from "./product.repository";

/** The product that has `sku` (ignoring case and surrounding whitespace), if any. */
export async function productWithSku(tx: Tx, organizationId: OrganizationId, sku: string) {
  const [holder] = await productRepository(tx).findBySkus(organizationId, [sku]);
  return holder;
}

/** @throws AppError 409 CONFLICT naming the product that has `sku` */
export async function checkSkuFree(tx: Tx, organizationId: OrganizationId, sku: string): Promise<void> {
  const holder = await productWithSku(tx, organizationId, sku);
  if (holder) throw skuTaken(holder);
}
