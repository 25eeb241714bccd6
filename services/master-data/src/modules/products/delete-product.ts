/** Deletes a product that never moved in stock; one with stock history must be archived (409). */
import { isForeignKeyViolation } from "@erp/db";
import { conflict, notFound } from "@erp/http-kit";
import type { MasterDataDb } from "../../db";
import { productRepository } from "./product.repository";

export async function deleteProduct(db: MasterDataDb, organizationId: string, id: string): Promise<void> {
  try {
    await db.withOrganization(organizationId, async (tx) => {
      const repository = productRepository(tx);
      if (!(await repository.find(organizationId, id))) throw notFound("Product");
      await repository.delete(organizationId, id);
    });
  } catch (err) {
    if (isForeignKeyViolation(err)) throw conflict("The product has stock movements; archive it instead");
    throw err;
  }
}
