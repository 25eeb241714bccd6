/** A category's parent, when it has one, must be a category of the organization. */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import { unknownCategory } from "./category.errors";
import { categoryRepository } from "./category.repository";

/** @throws AppError 422 UNKNOWN_CATEGORY (path `parentId`) */
export async function checkParent(tx: Tx, organizationId: OrganizationId, parentId: string): Promise<void> {
  if (!(await categoryRepository(tx).find(organizationId, parentId))) throw unknownCategory("parentId");
}
