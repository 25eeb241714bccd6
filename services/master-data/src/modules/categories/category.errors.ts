/** The categories module's business-rule errors (422); products refer to categories too. */
import { unprocessable } from "@erp/errors";

export const UNKNOWN_CATEGORY = "UNKNOWN_CATEGORY";
export const CATEGORY_CYCLE = "CATEGORY_CYCLE";

/** `path` names the field that refers to the missing category. */
export const unknownCategory = (path: "parentId" | "categoryId") =>
  unprocessable(UNKNOWN_CATEGORY, path === "parentId" ? "The parent category does not exist" : "The category does not exist", [
    { path, message: "No such category" },
  ]);

/** The new parent is the category itself or one of its descendants. */
export const categoryCycle = () =>
  unprocessable(CATEGORY_CYCLE, "A category cannot be moved under itself or one of its descendants", [
    { path: "parentId", message: "Would make a cycle" },
  ]);
