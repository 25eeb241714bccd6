/** One product, a page of them, or all of a list's filters as CSV. */
import { keysetPage, listWindow, notFound, type Page } from "@erp/http-kit";
import { exportCsv } from "../../csv/csv-export";
import type { MasterDataDb } from "../../db";
import { productCsvColumns } from "./product-csv";
import { productRepository } from "./product.repository";
import { toProductDto, type ProductDto, type ProductListQuery } from "./product.schemas";

export async function getProduct(db: MasterDataDb, organizationId: string, id: string): Promise<ProductDto> {
  const row = await db.withOrganization(organizationId, (tx) => productRepository(tx).find(organizationId, id));
  if (!row) throw notFound("Product");
  return toProductDto(row);
}

export async function listProducts(db: MasterDataDb, organizationId: string, query: ProductListQuery): Promise<Page<ProductDto>> {
  const window = listWindow(query);
  const rows = await db.withOrganization(organizationId, (tx) => productRepository(tx).list(organizationId, query, window));
  return keysetPage(rows, window, toProductDto);
}

export function exportProducts(db: MasterDataDb, organizationId: string, query: Omit<ProductListQuery, "limit" | "cursor">): Promise<string> {
  return exportCsv(
    productCsvColumns,
    query.sort,
    (window) => db.withOrganization(organizationId, (tx) => productRepository(tx).list(organizationId, query, window)),
    toProductDto,
  );
}
