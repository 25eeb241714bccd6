/**
 * CSV injection (OWASP): a spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, tab or
 * carriage return as a formula (`-1+HYPERLINK("http://x.test/","Click")`). Every exported cell
 * passes through `neutraliseCell`, and every imported one through `restoreCell`, so an export
 * re-imports to exactly what was exported.
 */

// Leading quotes are included so that a value that already starts with quotes before a formula
// character gets one more, which `restoreCell` removes again: the two are exact inverses.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;
/** The only cells that may start with `-`: a whole negative number, `-12.50`. */
const NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;

/**
 * The text to write for a cell: prefixed with a single quote (which spreadsheets read as "this is
 * text") when it would start a formula. `-12.50` stays as it is, `-3+4` becomes `'-3+4`.
 */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) && !NEGATIVE_NUMBER.test(text) ? `'${text}` : text;
}

/** The value a cell stood for: `'=1+1` (as `neutraliseCell` wrote it) reads as `=1+1`. */
export function restoreCell(text: string): string {
  return ESCAPED_FORMULA.test(text) ? text.slice(1) : text;
}
