/**
 * A page of the organization's products, filtered, searched and sorted. A category filter covers
 * its subcategories too unless `includeDescendants` is false.
 */
import { keysetPage, listWindow, type Page } from "@erp/lists";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { categoryRepository } from "../categories/category.repository";
import { productRepository } from "./product.repository";
import { toProductDto, type ProductDto, type ProductListQuery } from "./product.schemas";

export async function listProducts(tx: Tx, scope: Scope, query: ProductListQuery): Promise<Page<ProductDto>> {
  const window = listWindow(query);
  const { categoryId, includeDescendants, ...filters } = query;
  const categoryIds =
    categoryId === undefined ? undefined : includeDescendants ? await categoryRepository(tx).subtree(scope.organizationId, categoryId) : [categoryId];
  const rows = await productRepository(tx).list(scope.organizationId, { ...filters, categoryIds }, window);
  return keysetPage(rows, window, toProductDto);
}
