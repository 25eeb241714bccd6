export { LIST_SEPARATOR, type CsvColumn } from "./csv-columns";
export { neutraliseCell, restoreCell } from "./formula-cells";
export { CsvDestinationClosed, csvHeader, csvRows, cursorBatches, writeCsv, type CsvExportResult, type CsvPage } from "./csv-export";
export { sendCsv } from "./csv-response";
export { detectDelimiter, MAX_IMPORT_ROWS, readCsv, type CsvDelimiter, type CsvReadResult, type CsvRecord, type RowError } from "./csv-read";
export {
  importCsv,
  normaliseKey,
  rowErrorDetail,
  type CsvImportSpec,
  type ImportMode,
  type ImportReport,
  type ImportRowOutcome,
  type RowAction,
} from "./csv-import";
export { IMPORT_INVALID_ROWS, importInvalidRows } from "./csv.errors";
export { IMPORT_DESCRIPTION, importErrorDetailSchema, importQuery, importReportSchema } from "./import-schemas";
