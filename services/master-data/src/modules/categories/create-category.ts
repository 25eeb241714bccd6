/** Creates a category, at the root or under a parent of the organization, and its created event. */
import { uuidv7 } from "@erp/db";
import { categoryCreated } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { categoryRepository } from "./category.repository";
import { categorySnapshot, type CategoryDto, type CreateCategoryInput } from "./category.schemas";
import { categoryView } from "./category-views";
import { checkParent } from "./check-parent";

/**
 * @throws AppError 422 UNKNOWN_CATEGORY; a sibling with the name (ignoring case) is the insert's
 *   unique violation, which the caller maps (the route: 409 through `inTransaction`'s `conflict`)
 */
export async function createCategory(tx: Tx, scope: Scope, input: CreateCategoryInput): Promise<CategoryDto> {
  const { organizationId } = scope;
  if (input.parentId) await checkParent(tx, organizationId, input.parentId);
  const row = await categoryRepository(tx).create(organizationId, { ...input, id: uuidv7() });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: categoryCreated,
    organizationId,
    aggregateType: "category",
    aggregateId: row.id,
    actor: scope.actor,
    data: categorySnapshot(row),
  });
  return categoryView(tx, organizationId, row);
}
