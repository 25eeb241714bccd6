/**
 * JSON request bodies, within a size limit; a route may declare a text body type instead (CSV
 * imports), and only that route accepts it.
 */
import express, { type Request, type RequestHandler } from "express";
import { AppError } from "@erp/errors";

const JSON_TYPES = ["application/json", "application/*+json"];
const METHODS_WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

/** The non-JSON body types a route can declare with `request.contentType`. */
export const TEXT_BODY_TYPES = ["text/csv"] as const;
export type TextBodyType = (typeof TEXT_BODY_TYPES)[number];

const unsupported = (expected: string) => new AppError("UNSUPPORTED_MEDIA_TYPE", `Request body must be ${expected}`, 415);

/**
 * 415 for a POST/PUT/PATCH that carries a body which is not JSON; bodiless actions pass. Declarable
 * text types are left to the route, which accepts them only when it declared them.
 */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (carriesBody(req) && !req.is(JSON_TYPES) && !req.is([...TEXT_BODY_TYPES])) throw unsupported("application/json");
  next();
};

/** The route-level half of `requireJsonBody` for routes that take JSON: a text body is still 415. */
export const refuseTextBody: RequestHandler = (req, _res, next) => {
  if (carriesBody(req) && req.is([...TEXT_BODY_TYPES])) throw unsupported("application/json");
  next();
};

/** For a route that declared `type`: only that type, parsed to a string (`req.body`). */
export function textBodyParser(type: TextBodyType, limit: string): RequestHandler[] {
  const requireType: RequestHandler = (req, _res, next) => {
    if (carriesBody(req) && !req.is(type)) throw unsupported(type);
    next();
  };
  return [requireType, express.text({ type, limit })];
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
