/** The query and the report of every import route, and what its OpenAPI description says. */
import { z } from "zod";

/** `?dryRun=true&mode=upsert`. */
export const importQuery = z.object({
  dryRun: z.enum(["true", "false"]).default("false").describe("true: validate and report what each row would do, write nothing"),
  mode: z
    .enum(["create", "upsert"])
    .default("create")
    .describe("create: every row is a new record, a taken code is an error; upsert: a row whose code exists (ignoring case) updates that record"),
});

/** One problem: the same item a refused import's 422 carries in `error.details`. */
export const importErrorDetailSchema = z.object({
  path: z.string().meta({ example: "rows.3.email", description: "rows.<line>.<column>; the header is line 1" }),
  message: z.string(),
});

export const importReportSchema = z.object({
  dryRun: z.boolean(),
  mode: z.enum(["create", "upsert"]),
  delimiter: z.enum(["comma", "semicolon", "tab"]).describe("Detected from the header row"),
  rowCount: z.number().int().describe("Rows with data, the header not counted"),
  imported: z.number().int().describe("Rows written (0 in a dry run)"),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rows: z
    .array(
      z.object({
        row: z.number().int().describe("Line in the file"),
        action: z.enum(["create", "update", "unchanged"]),
        key: z.string().nullable().describe("The row's key (code, SKU, domain...) as written, else the id it matched; null when it has neither"),
        changedFields: z.array(z.string()).optional(),
      }),
    )
    .describe("What each valid row does (dry run: would do)"),
  errors: z.array(importErrorDetailSchema).describe("Empty when every row is valid"),
});

export const IMPORT_DESCRIPTION = [
  "The file is a CSV with a header row (the export's columns), separated by commas, semicolons or tabs (detected from the header).",
  "Send it as the body with Content-Type text/csv, or as the `file` field of a multipart/form-data upload (a browser form, the file picker here).",
  "With dryRun=true, answers 200 with what each row would do and the row errors, and writes nothing.",
  "Otherwise imports every row in one transaction; or, when any row is invalid, nothing, answering 422 IMPORT_INVALID_ROWS",
  "whose error.details are the dry run's errors: `{ path: \"rows.<line>.<column>\", message }`.",
  "mode=upsert matches codes ignoring case and surrounding spaces and updates the columns the file has; an empty cell clears an optional field.",
].join(" ");
