/**
 * JSON request bodies, within a size limit; a route may declare a text body type instead (CSV
 * imports), and only that route accepts it, sent as is or as a file uploaded in a form.
 */
import busboy from "busboy";
import express, { type Request, type RequestHandler } from "express";
import { AppError, badRequest } from "@erp/errors";
import { decodeTextBody } from "./text-decoding";

const JSON_TYPES = ["application/json", "application/*+json"];
const METHODS_WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

/** The non-JSON body types a route can declare with `request.contentType`. */
export const TEXT_BODY_TYPES = ["text/csv"] as const;
export type TextBodyType = (typeof TEXT_BODY_TYPES)[number];

/** A browser form's or Swagger UI's file upload: a route with a text body takes the file in its `file` field. */
export const UPLOAD_TYPE = "multipart/form-data";
export const UPLOAD_FIELD = "file";

const unsupported = (expected: string) => new AppError("UNSUPPORTED_MEDIA_TYPE", `Request body must be ${expected}`, 415);
const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", "Request body is too large", 413);

/**
 * 415 for a POST/PUT/PATCH that carries a body which is not JSON; bodiless actions pass. Declarable
 * text types are left to the route, which accepts them only when it declared them.
 */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (carriesBody(req) && !req.is(JSON_TYPES) && !req.is([...TEXT_BODY_TYPES, UPLOAD_TYPE])) throw unsupported("application/json");
  next();
};

/** The route-level half of `requireJsonBody` for routes that take JSON: a text body is still 415. */
export const refuseTextBody: RequestHandler = (req, _res, next) => {
  if (carriesBody(req) && req.is([...TEXT_BODY_TYPES, UPLOAD_TYPE])) throw unsupported("application/json");
  next();
};

/**
 * For a route that declared `type`: only that type, or a multipart/form-data upload of a file in
 * the `file` field, read to a string (`req.body`) within `limit`. The bytes are decoded strictly
 * (`decodeTextBody`): UTF-8, BOM allowed, unless the request declares another charset; a file that
 * is not UTF-8 is a 400 naming its first bad row ("save the file as UTF-8"), never text with U+FFFD.
 */
export function textBodyParser(type: TextBodyType, limit: string): RequestHandler[] {
  const requireType: RequestHandler = (req, _res, next) => {
    if (carriesBody(req) && !req.is([type, UPLOAD_TYPE])) throw unsupported(`${type} or ${UPLOAD_TYPE}`);
    next();
  };
  const maxBytes = limitInBytes(limit);
  const decode: RequestHandler = (req, _res, next) => {
    if (Buffer.isBuffer(req.body)) req.body = decodeTextBody(req.body, type, charsetOf(req));
    next();
  };
  const readUpload: RequestHandler = async (req, _res, next) => {
    if (carriesBody(req) && req.is(UPLOAD_TYPE)) req.body = decodeTextBody(await uploadedFile(req, maxBytes), type);
    next();
  };
  // Raw bytes, not express.text: its decoder puts U+FFFD where the bytes are not UTF-8, silently.
  return [requireType, express.raw({ type, limit }), decode, readUpload];
}

/** The `charset` parameter of the request's Content-Type, if any. */
function charsetOf(req: Request): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(req.headers["content-type"] ?? "");
  return match?.[1];
}

/**
 * The bytes of the `file` field of a multipart/form-data body (other fields are ignored).
 * @throws AppError 400 VALIDATION_FAILED without such a file or for a malformed body, 413 over `limit` bytes
 */
function uploadedFile(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: limit, fields: 20, fieldSize: 1024 } });
    } catch {
      reject(badRequest("Request body is invalid", [{ path: UPLOAD_FIELD, message: "Malformed multipart/form-data" }]));
      return;
    }
    let file: Buffer | undefined;
    let failure: AppError | undefined;
    parser.on("file", (field, stream) => {
      if (field !== UPLOAD_FIELD || file !== undefined) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => (failure ??= tooLarge()));
      stream.on("end", () => (file = Buffer.concat(chunks)));
    });
    parser.on("error", () => reject(badRequest("Request body is invalid", [{ path: UPLOAD_FIELD, message: "Malformed multipart/form-data" }])));
    parser.on("close", () => {
      if (failure) reject(failure);
      else if (file === undefined) reject(badRequest("Request body is invalid", [{ path: UPLOAD_FIELD, message: "Required: the uploaded file" }]));
      else resolve(file);
    });
    req.pipe(parser);
  });
}

/** Express's body limit (`"1mb"`, `"512kb"`, `"100"`) in bytes. */
function limitInBytes(limit: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(limit.trim());
  if (!match) throw new Error(`body limit ${limit} is not a size such as 1mb`);
  const units: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
  return Math.floor(Number(match[1]) * (units[(match[2] ?? "b").toLowerCase()] ?? 1));
}

function carriesBody(req: Request): boolean {
  return METHODS_WITH_BODY.has(req.method) && hasBody(req.headers);
}

export function jsonBodyParser(limit: string): RequestHandler {
  return express.json({ limit, type: JSON_TYPES });
}

function hasBody(headers: { "transfer-encoding"?: string; "content-length"?: string }): boolean {
  return headers["transfer-encoding"] !== undefined || Number(headers["content-length"] ?? 0) > 0;
}
