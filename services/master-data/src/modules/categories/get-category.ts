/** One category of the organization. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { categoryRepository } from "./category.repository";
import type { CategoryDto } from "./category.schemas";
import { categoryView } from "./category-views";

/** @throws AppError 404 NOT_FOUND, also for another organization's category */
export async function getCategory(tx: Tx, scope: Scope, input: { id: string }): Promise<CategoryDto> {
  const row = await categoryRepository(tx).find(scope.organizationId, input.id);
  if (!row) throw notFound("Category");
  return categoryView(tx, scope.organizationId, row);
}
