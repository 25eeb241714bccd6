/** Gives every request an id, echoes it in `X-Request-Id` and opens its log context. */
import { randomUUID } from "node:crypto";
import { runWithContext } from "@erp/logging";
import type { RequestHandler } from "express";

export const REQUEST_ID_HEADER = "X-Request-Id";

// Ids from other services or the gateway are kept for tracing; anything odd is replaced so a
// client cannot inject newlines or megabytes into every log line.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const requestId: RequestHandler = (req, res, next) => {
  const incoming = req.get(REQUEST_ID_HEADER);
  const id = incoming && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  runWithContext({ requestId: id }, next);
};
