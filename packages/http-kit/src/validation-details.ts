/** Turns zod issues into the `{path, message}` details of API.md. */
import type { ErrorDetail } from "@erp/errors";
import type { z } from "./zod";

export function validationDetails(error: z.core.$ZodError): ErrorDetail[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String);
    // A strict object reports all unknown keys in one issue at the parent; one detail per field
    // tells the client exactly which field to remove.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: [...base, key].join("."), message: "Unknown field" }));
    }
    return [{ path: base.join("."), message: issue.message }];
  });
}

/**
 * The detail path of one cell of an imported CSV file: `rows.<row>.<column>`, where `row` is the
 * record's number in the file (the header is row 1) and `column` its header. Import reports and
 * import errors (400 and 422) name cells this way.
 */
export function csvRowPath(row: number, column: string): string {
  return column === "" ? `rows.${row}` : `rows.${row}.${column}`;
}
