/** Request and response schemas of product categories (a tree). */
import { listQuery, z } from "@erp/http-kit";
import type { Category } from "../../generated/prisma/client";
import type { CategoryPlacement } from "./category.repository";

const name = z.string().trim().min(1).max(100);

export const createCategoryBody = z
  .object({ name, parentId: z.uuid().nullable().default(null).describe("The parent category; null or absent: a root") })
  .strict()
  .openapi({ example: { name: "Fasteners", parentId: null } });
export const updateCategoryBody = z
  .object({ name, parentId: z.uuid().nullable() })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "Give at least one field to change")
  .openapi({ example: { name: "Screws and bolts" } });

export type CreateCategoryInput = z.infer<typeof createCategoryBody>;
export type UpdateCategoryInput = z.infer<typeof updateCategoryBody>;

export const categoryDto = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  path: z.string().describe("Names from the root down to this category, joined by ' / '").openapi({ example: "Hardware / Fasteners / Screws" }),
  depth: z.number().int().min(0).describe("0 for a top-level category"),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CategoryDto = z.infer<typeof categoryDto>;

export const categoryListQuery = listQuery({
  sortable: ["name", "createdAt"],
  defaultSort: "name",
  filters: { parentId: z.uuid().optional().describe("Only the children of this category") },
});
export type CategoryListQuery = z.infer<typeof categoryListQuery>;

export const categoryIdParams = z.object({ id: z.uuid() });

export function toCategoryDto(category: Category, placement: CategoryPlacement): CategoryDto {
  return {
    id: category.id,
    parentId: category.parentId,
    name: category.name,
    path: placement.path,
    depth: placement.depth,
    createdAt: category.createdAt.toISOString(),
    updatedAt: category.updatedAt.toISOString(),
  };
}

/** What the category events carry: its name and place in the tree (paths are derived, see the catalog). */
export function categorySnapshot(category: Pick<Category, "name" | "parentId">) {
  return { name: category.name, parentId: category.parentId };
}
