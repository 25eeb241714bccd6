/** A page of the organization's categories, filtered by parent, searched and sorted. */
import { keysetPage, listWindow, type Page } from "@erp/http-kit";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { categoryRepository } from "./category.repository";
import { toCategoryDto, type CategoryDto, type CategoryListQuery } from "./category.schemas";

export async function listCategories(tx: Tx, scope: Scope, query: CategoryListQuery): Promise<Page<CategoryDto>> {
  const window = listWindow(query);
  const rows = await categoryRepository(tx).list(scope.organizationId, query, window);
  return keysetPage(rows, window, toCategoryDto);
}
