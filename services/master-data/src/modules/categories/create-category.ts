/** Creates a category, at the root or under a parent of the organization. */
import { uuidv7 } from "@erp/db";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { categoryRepository } from "./category.repository";
import type { CategoryDto, CreateCategoryInput } from "./category.schemas";
import { categoryView } from "./category-views";
import { checkParent } from "./check-parent";

/**
 * @throws AppError 422 UNKNOWN_CATEGORY; a sibling with the name (ignoring case) is the insert's
 *   unique violation, which the caller maps (the route: 409 through `inTransaction`'s `conflict`)
 */
export async function createCategory(tx: Tx, scope: Scope, input: CreateCategoryInput): Promise<CategoryDto> {
  const { organizationId } = scope;
  if (input.parentId) await checkParent(tx, organizationId, input.parentId);
  return categoryView(tx, organizationId, await categoryRepository(tx).create(organizationId, { ...input, id: uuidv7() }));
}
