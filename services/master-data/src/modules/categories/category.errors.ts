/** The categories module's errors; products refer to categories too (UNKNOWN_CATEGORY). */
import { conflict, unprocessable, type AppError } from "@erp/errors";

export const UNKNOWN_CATEGORY = "UNKNOWN_CATEGORY";
export const CATEGORY_CYCLE = "CATEGORY_CYCLE";

/** 422 UNKNOWN_CATEGORY; `path` names the field that refers to the missing category. */
export const unknownCategory = (path: "parentId" | "categoryId"): AppError =>
  unprocessable(UNKNOWN_CATEGORY, path === "parentId" ? "The parent category does not exist" : "The category does not exist", [
    { path, message: "No such category" },
  ]);

/** 422 CATEGORY_CYCLE: the new parent is the category itself or one of its descendants. */
export const categoryCycle = (): AppError =>
  unprocessable(CATEGORY_CYCLE, "A category cannot be moved under itself or one of its descendants", [
    { path: "parentId", message: "Would make a cycle" },
  ]);

/** 409 CONFLICT: a sibling has the name (ignoring case); what the sibling-name unique index refuses. */
export const siblingNameTaken = (name: string | undefined): AppError => conflict(`A sibling category is already named ${name ?? "so"}`);

/** 409 CONFLICT: subcategories or products refer to the category. */
export const categoryInUse = (): AppError => conflict("The category has subcategories or products");
