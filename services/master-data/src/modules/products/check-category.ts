/** A product's category, when it has one, must be one of the organization's. */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import { unknownCategory } from "../categories/category.errors";
import { productRepository } from "./product.repository";

/** @throws AppError 422 UNKNOWN_CATEGORY when `categoryId` is given and not the organization's */
export async function checkCategory(tx: Tx, organizationId: OrganizationId, categoryId: string | null | undefined): Promise<void> {
  if (categoryId && !(await productRepository(tx).categoryExists(organizationId, categoryId))) throw unknownCategory("categoryId");
}
