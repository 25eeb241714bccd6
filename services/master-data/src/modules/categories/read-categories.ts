/** One category, or a page of them. */
import { keysetPage, listWindow, notFound, type Page } from "@erp/http-kit";
import type { MasterDataDb } from "../../db";
import { categoryRepository } from "./category.repository";
import { toCategoryDto, type CategoryDto, type CategoryListQuery } from "./category.schemas";

export async function getCategory(db: MasterDataDb, organizationId: string, id: string): Promise<CategoryDto> {
  const row = await db.withOrganization(organizationId, (tx) => categoryRepository(tx).find(organizationId, id));
  if (!row) throw notFound("Category");
  return toCategoryDto(row);
}

export async function listCategories(db: MasterDataDb, organizationId: string, query: CategoryListQuery): Promise<Page<CategoryDto>> {
  const window = listWindow(query);
  const rows = await db.withOrganization(organizationId, (tx) => categoryRepository(tx).list(organizationId, query, window));
  return keysetPage(rows, window, toCategoryDto);
}
