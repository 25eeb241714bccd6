/**
 * @erp/lists: keyset list windows, cursors and pages, without HTTP. Use cases and repositories
 * import these from here; routes get the same functions (and the query schemas) from @erp/http-kit.
 */
export { encodeCursor, decodeCursor } from "./cursor";
export { page, isPage, totalIfAsked, type Page, type PageInfo } from "./page";
export { listWindow, keysetPage, wholePage, type ListWindow, type SortDirection, type SortValue } from "./list-window";
