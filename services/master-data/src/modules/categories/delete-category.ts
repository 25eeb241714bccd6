/** Deletes a category without subcategories or products (409 otherwise). */
import { isForeignKeyViolation } from "@erp/db";
import { conflict, notFound } from "@erp/http-kit";
import type { MasterDataDb } from "../../db";
import { categoryRepository } from "./category.repository";

export async function deleteCategory(db: MasterDataDb, organizationId: string, id: string): Promise<void> {
  try {
    await db.withOrganization(organizationId, async (tx) => {
      const repository = categoryRepository(tx);
      if (!(await repository.find(organizationId, id))) throw notFound("Category");
      await repository.delete(organizationId, id);
    });
  } catch (err) {
    if (isForeignKeyViolation(err)) throw conflict("The category has subcategories or products");
    throw err;
  }
}
