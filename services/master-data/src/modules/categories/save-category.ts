/**
 * Creates or changes a category. A parent must exist in the organization and must not be the
 * category itself or one of its descendants (that would make a cycle); names are unique among
 * siblings.
 */
import { isUniqueViolation, uuidv7 } from "@erp/db";
import { conflict, notFound } from "@erp/http-kit";
import type { MasterDataDb, Tx } from "../../db";
import { categoryCycle, unknownCategory } from "./category.errors";
import { categoryRepository } from "./category.repository";
import { toCategoryDto, type CategoryDto, type CreateCategoryInput, type UpdateCategoryInput } from "./category.schemas";

export async function createCategory(db: MasterDataDb, organizationId: string, input: CreateCategoryInput): Promise<CategoryDto> {
  return withSiblingConflicts(input.name, () =>
    db.withOrganization(organizationId, async (tx) => {
      if (input.parentId) await checkParent(tx, organizationId, input.parentId);
      return toCategoryDto(await categoryRepository(tx).create(organizationId, { ...input, id: uuidv7() }));
    }),
  );
}

export async function updateCategory(
  db: MasterDataDb,
  organizationId: string,
  id: string,
  input: UpdateCategoryInput,
): Promise<CategoryDto> {
  return withSiblingConflicts(input.name, () =>
    db.withOrganization(organizationId, async (tx) => {
      const repository = categoryRepository(tx);
      if (input.parentId !== undefined) await repository.lockTree(organizationId);
      if (!(await repository.find(organizationId, id))) throw notFound("Category");
      if (input.parentId) {
        await checkParent(tx, organizationId, input.parentId);
        if ((await repository.ancestry(organizationId, input.parentId)).includes(id)) throw categoryCycle();
      }
      return toCategoryDto(await repository.update(organizationId, id, input));
    }),
  );
}

async function checkParent(tx: Tx, organizationId: string, parentId: string): Promise<void> {
  if (!(await categoryRepository(tx).find(organizationId, parentId))) throw unknownCategory("parentId");
}

async function withSiblingConflicts<T>(name: string | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`A sibling category is already named ${name ?? "so"}`);
    throw err;
  }
}
