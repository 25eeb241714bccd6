/** JSON request bodies only, within a size limit. */
import express, { type RequestHandler } from "express";
import { AppError } from "./app-error";

const JSON_TYPES = ["application/json", "application/*+json"];
const METHODS_WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

/** 415 for a POST/PUT/PATCH that carries a body which is not JSON; bodiless actions pass. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (METHODS_WITH_BODY.has(req.method) && hasBody(req.headers) && !req.is(JSON_TYPES)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Request body must be application/json", 415);
  }
  next();
};

export function jsonBodyParser(limit: string): RequestHandler {
  return express.json({ limit, type: JSON_TYPES });
}

function hasBody(headers: { "transfer-encoding"?: string; "content-length"?: string }): boolean {
  return headers["transfer-encoding"] !== undefined || Number(headers["content-length"] ?? 0) > 0;
}
