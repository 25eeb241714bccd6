/**
 * NUL characters (U+0000) in what a client sends, and lone UTF-16 surrogates (a JSON string such as
 * "\ud800", which no UTF-8 text can carry). No field of this API can hold either: PostgreSQL refuses
 * NUL in text and a lone surrogate in jsonb (both surfaced as a 500), and text columns stored the
 * surrogate as U+FFFD. So every route refuses them up front: a 400 naming each field that carries
 * one, before the handler runs and before anything is written.
 */
import { badRequest, type ErrorDetail } from "@erp/errors";
import type { Request } from "express";
import type { TextBodyType } from "./body-parsing";
import { csvRowPath } from "./validation-details";

const NUL = "\u0000";
export const NUL_MESSAGE = "Must not contain a NUL character (U+0000)";
export const LONE_SURROGATE_MESSAGE = "Must be well-formed Unicode (a lone UTF-16 surrogate such as \\ud800 is not a character)";
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A file full of NULs answers with this many details, not one per cell. */
const MAX_DETAILS = 100;

/**
 * Refuses a request whose path parameters, query, or body (JSON at any depth, keys included, or a
 * declared text body) contain NUL.
 * @throws AppError 400 VALIDATION_FAILED; details name the fields (`q`, `lines.0.name`, `rows.3.email`)
 */
export function refuseNulCharacters(req: Request, textBody?: TextBodyType): void {
  const parts: [unknown, string][] = [
    [req.params, "Path parameters are invalid"],
    [req.query, "Query parameters are invalid"],
  ];
  for (const [input, message] of parts) {
    const details = nulCharacters(input);
    if (details.length > 0) throw badRequest(message, details);
  }
  const body: unknown = req.body;
  const details = typeof body === "string" && textBody === "text/csv" ? csvNulCharacters(body) : nulCharacters(body);
  if (details.length > 0) throw badRequest("Request body is invalid", details);
}

/** Every string (value or object key) in `input` that contains NUL or a lone surrogate, as a detail at its dotted path. */
export function nulCharacters(input: unknown, path: readonly string[] = []): ErrorDetail[] {
  return collect(input, path).slice(0, MAX_DETAILS);
}

function collect(input: unknown, path: readonly string[]): ErrorDetail[] {
  if (typeof input === "string") return unstorable(input, path);
  if (Array.isArray(input)) return input.flatMap((item, index) => collect(item, [...path, String(index)]));
  if (typeof input !== "object" || input === null) return [];
  return Object.entries(input).flatMap(([key, value]) => {
    const badKey = unstorable(key, [...path, key]);
    return badKey.length > 0 ? badKey : collect(value, [...path, key]);
  });
}

/** `text` at `path` as a detail when it holds NUL or a lone surrogate, else nothing. */
function unstorable(text: string, path: readonly string[]): ErrorDetail[] {
  if (text.includes(NUL)) return [detail(path, NUL_MESSAGE)];
  if (LONE_SURROGATE.test(text)) return [detail(path, LONE_SURROGATE_MESSAGE)];
  return [];
}

function detail(path: readonly string[], message: string): ErrorDetail {
  // The path is echoed back: spell NUL and lone surrogates out rather than send them.
  const spelled = path.join(".").replaceAll(NUL, "\\u0000").replace(new RegExp(LONE_SURROGATE.source, "g"), (unit) => `\\u${unit.charCodeAt(0).toString(16)}`);
  return { path: spelled, message };
}

/**
 * The cells of a CSV text that contain NUL, named like import row errors: `rows.<n>.<column>`, where
 * the header is row 1 and empty lines are not counted. A NUL in the header names `rows.1`.
 * The delimiter is the one of `,` `;` tab that the header uses most.
 */
export function csvNulCharacters(text: string): ErrorDetail[] {
  if (!text.includes(NUL)) return [];
  const rows = csvCells(text.replace(/^\uFEFF/, ""));
  const header = (rows[0] ?? []).map((name) => name.trim());
  const details: ErrorDetail[] = [];
  rows.forEach((cells, index) =>
    cells.forEach((cell, position) => {
      if (!cell.includes(NUL)) return;
      const column = index === 0 ? undefined : header[position] || String(position + 1);
      const path = column === undefined || column.includes(NUL) ? `rows.${index + 1}` : csvRowPath(index + 1, column);
      details.push({ path, message: index === 0 ? `${NUL_MESSAGE} (header column ${position + 1})` : NUL_MESSAGE });
    }),
  );
  return details.slice(0, MAX_DETAILS);
}

/** RFC 4180 records (quoted cells may hold delimiters, quotes as `""`, and line breaks); blank lines are skipped. */
export function csvCells(text: string): string[][] {
  const delimiter = headerDelimiter(text);
  const rows: string[][] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== "") rows.push(cells);
    cells = [];
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      cells.push(cell);
      cell = "";
    } else if (char === "\n") endRow();
    else if (char !== "\r") cell += char;
  }
  endRow();
  return rows;
}

function headerDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const unquoted = header.replace(/"(?:[^"]|"")*"/g, "");
  const counts = [",", ";", "\t"].map((candidate) => [candidate, unquoted.split(candidate).length - 1] as const);
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ",";
}
