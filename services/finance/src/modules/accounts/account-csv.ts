/**
 * The chart of accounts as CSV: export and import use the same columns. A parent is named by its
 * code, so a file can be moved between organizations; exports list every parent before its children.
 */
import type { CsvColumn } from "@erp/csv";
import { z } from "zod";
import { createAccountBody, type AccountDto } from "./account.schemas";

export const accountCsvColumns: CsvColumn[] = [
  { header: "code", path: ["code"] },
  { header: "name", path: ["name"] },
  { header: "type", path: ["type"] },
  { header: "subtype", path: ["subtype"] },
  { header: "isGroup", path: ["isGroup"] },
  { header: "parentCode", path: ["parentCode"] },
  { header: "currency", path: ["currency"] },
  { header: "description", path: ["description"] },
];

const { parentId: _parentId, isGroup: _isGroup, ...createFields } = createAccountBody.shape;

/** A row: the create body with the parent's code instead of its id, and isGroup as `true`/`false`. */
export const accountCsvRow = z
  .object({
    ...createFields,
    isGroup: z
      .enum(["true", "false"], { message: "Must be true or false" })
      .transform((value) => value === "true")
      .optional(),
    parentCode: createFields.code.optional(),
  })
  .strict();
export type AccountCsvRow = z.output<typeof accountCsvRow>;

/** What a row of the export holds. */
export type AccountCsvRecord = AccountDto & { parentCode: string | null };
