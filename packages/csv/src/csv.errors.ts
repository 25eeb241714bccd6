/** The CSV import's error (422): the whole file is refused when any row is invalid. */
import { unprocessable, type ErrorDetail } from "@erp/errors";

export const IMPORT_INVALID_ROWS = "IMPORT_INVALID_ROWS";

/** One detail per invalid cell, its path `rows.<line>.<column>` (see `rowErrorDetail`). */
export const importInvalidRows = (details: ErrorDetail[]) =>
  unprocessable(IMPORT_INVALID_ROWS, "The file has invalid rows; nothing was imported", details);
