/** A page of the organization's products, filtered, searched and sorted. */
import { keysetPage, listWindow, type Page } from "@erp/http-kit";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { productRepository } from "./product.repository";
import { toProductDto, type ProductDto, type ProductListQuery } from "./product.schemas";

export async function listProducts(tx: Tx, scope: Scope, query: ProductListQuery): Promise<Page<ProductDto>> {
  const window = listWindow(query);
  const rows = await productRepository(tx).list(scope.organizationId, query, window);
  return keysetPage(rows, window, toProductDto);
}
