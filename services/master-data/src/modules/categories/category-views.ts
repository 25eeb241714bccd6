/** Categories as the API shows them: each with its path and depth in the tree. */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Category } from "../../generated/prisma/client";
import { categoryRepository } from "./category.repository";
import { toCategoryDto, type CategoryDto } from "./category.schemas";

/** `rows` as dtos, in their order; their paths are read in one query. */
export async function categoryViews(tx: Tx, organizationId: OrganizationId, rows: readonly Category[]): Promise<CategoryDto[]> {
  const placements = await categoryRepository(tx).placement(organizationId, rows.map((row) => row.id));
  return rows.map((row) => toCategoryDto(row, placements.get(row.id) ?? { path: row.name, depth: 0 }));
}

/** One row as a dto. */
export async function categoryView(tx: Tx, organizationId: OrganizationId, row: Category): Promise<CategoryDto> {
  const [dto] = await categoryViews(tx, organizationId, [row]);
  return dto as CategoryDto;
}
