/**
 * Text bodies (CSV imports) are decoded from their bytes strictly: a file that is not UTF-8 (a
 * Windows/Excel "CSV" in Latin-1, `M\xfcller`) is refused with a 400 that names the row and says
 * to save the file as UTF-8, instead of being read with U+FFFD in place of every such letter and
 * imported silently damaged. A UTF-8 byte order mark is accepted (and dropped).
 */
import { isUtf8 } from "node:buffer";
import { AppError, badRequest } from "@erp/errors";
import type { TextBodyType } from "./body-parsing";
import { csvCells } from "./nul-bytes";

export const SAVE_AS_UTF8 = 'save the file as UTF-8 (in Excel: Save As "CSV UTF-8")';

const UTF8_LABELS = new Set(["utf-8", "utf8", "unicode-1-1-utf-8"]);

/**
 * `bytes` as text: UTF-8 unless the request declared another `charset` it can be read in.
 * @throws AppError 400 VALIDATION_FAILED for bytes that are not valid UTF-8 (one detail naming the
 *   row, `rows.<n>` for CSV, the header being row 1, as import errors name rows), 415
 *   UNSUPPORTED_MEDIA_TYPE for a declared charset this runtime cannot decode, or bytes invalid in it
 */
export function decodeTextBody(bytes: Buffer, type: TextBodyType, charset?: string): string {
  const label = charset?.trim().toLowerCase();
  if (label && !UTF8_LABELS.has(label)) return decodeDeclared(bytes, label);
  if (isUtf8(bytes)) return new TextDecoder("utf-8").decode(bytes);
  const offset = firstInvalidByte(bytes);
  const before = new TextDecoder("utf-8").decode(bytes.subarray(0, offset));
  const line = before.split("\n").length;
  const row = type === "text/csv" ? csvCells(`${before.replace(/^\uFEFF/, "")}\uFFFD`).length : line;
  const byte = `0x${(bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, "0")}`;
  throw badRequest(`Request body is not UTF-8 text: ${SAVE_AS_UTF8}`, [
    { path: `rows.${row}`, message: `Not UTF-8 (byte ${byte} on line ${line}): ${SAVE_AS_UTF8}` },
  ]);
}

/** A charset the client declared (`text/csv; charset=iso-8859-1`): read in it, or 415. */
function decodeDeclared(bytes: Buffer, label: string): string {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Unsupported charset ${label}: send UTF-8`, 415);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw badRequest(`Request body is not valid ${label} text: ${SAVE_AS_UTF8}`);
  }
}

/**
 * The offset of the first byte that makes `bytes` invalid UTF-8: the longest prefix that still
 * decodes (an incomplete sequence at its end allowed) is found by bisection, since every prefix of
 * a valid prefix is valid.
 */
function firstInvalidByte(bytes: Buffer): number {
  const validPrefix = (length: number) => {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  // A file cut inside its last character is valid as a stream: only that character is wrong.
  let good = validPrefix(bytes.length) ? bytes.length : 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (validPrefix(middle)) good = middle;
    else bad = middle;
  }
  // A sequence left incomplete at the end of the valid prefix is where the text went wrong
  // (Latin-1 "é" is 0xE9, a UTF-8 lead byte, and only the byte after it is refused).
  for (let back = 1; back <= 3 && good - back >= 0; back++) {
    const byte = bytes[good - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return back < length ? good - back : good;
  }
  return good;
}
