/** A page of the organization's categories, filtered by parent, searched and sorted; each with its path and depth. */
import { keysetPage, listWindow, type Page } from "@erp/lists";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { categoryRepository } from "./category.repository";
import type { CategoryDto, CategoryListQuery } from "./category.schemas";
import { categoryViews } from "./category-views";

export async function listCategories(tx: Tx, scope: Scope, query: CategoryListQuery): Promise<Page<CategoryDto>> {
  const window = listWindow(query);
  const rows = await categoryRepository(tx).list(scope.organizationId, query, window);
  const views = new Map((await categoryViews(tx, scope.organizationId, rows)).map((view) => [view.id, view]));
  return keysetPage(rows, window, (row) => views.get(row.id) as CategoryDto);
}
