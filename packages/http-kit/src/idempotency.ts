/**
 * The HTTP half of Idempotency-Key (API.md "Requests"): a route declared `idempotent: true` takes
 * the header, and a retry with the same key and the same request gets the first answer again
 * instead of a second effect. The kit never touches a database: the keys are kept by an
 * `IdempotencyStore` the app is given (`@erp/idempotency` keeps them in the service's PostgreSQL
 * schema; `@erp/service-kit` hands one to every service).
 *
 * Per request with a key, after access and validation, before the handler:
 * - the store claims the key (its own short transaction). Taken by the same request and answered:
 *   the answer is replayed (status, body, Location) with `Idempotent-Replayed: true`; taken by
 *   another request (another body, path or query): 422 IDEMPOTENCY_KEY_REUSED; still in flight:
 *   409 IDEMPOTENCY_KEY_IN_USE with Retry-After;
 * - the handler stores its answer inside the transaction that makes the effect
 *   (`ctx.idempotency.created(tx, data, location)` / `.ok(tx, data)`), so the effect and its
 *   answer commit together or not at all;
 * - a 4xx the handler throws is stored as the key's answer too (no effect happened; a retry gets
 *   the same refusal, as with Stripe), except 408/429 and the key's own 409/422, which a retry may
 *   outgrow; a 5xx (or a crash) releases the key, so a retry runs again.
 */
import type { Request, Response } from "express";
import type { Logger } from "@erp/logging";
import { AppError, badRequest } from "@erp/errors";
import { toErrorResponse } from "./error-mapping";
import type { Principal } from "./principal";
import { z } from "./zod";

export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
/** Set (to `true`) on an answer that is a replay of the key's first answer. */
export const IDEMPOTENT_REPLAYED_HEADER = "Idempotent-Replayed";
/** The key was used before with another request (body, path or query). */
export const IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";
/** A request with the key is still being processed. */
export const IDEMPOTENCY_KEY_IN_USE = "IDEMPOTENCY_KEY_IN_USE";

/** Longest key accepted (Stripe's limit); a UUID is what clients should send. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
const KEY_PATTERN = /^[\x21-\x7e]+$/;

/** An answer as the key keeps it and replays it. */
export interface StoredResponse {
  status: number;
  /** The JSON body (`null` for none, e.g. a 204). */
  body: unknown;
  /** Headers replayed with it; only `Location` today. */
  headers: Record<string, string>;
}

/** What the store needs to claim a key: whose it is, and what must be identical for a replay. */
export interface IdempotentRequest {
  /** The client's `Idempotency-Key`. */
  key: string;
  /**
   * Whose keys these are: the caller's organization on token routes; on public routes (no
   * organization yet) every client of the route shares the key space, `route` names it.
   */
  owner: { organizationId: string } | { route: string };
  /** `POST`. */
  method: string;
  /** The request's path, without the query. */
  path: string;
  /** What a replay must match: method, path, query and body, canonical (key order does not matter). */
  material: string;
}

/** The outcome of claiming a key. */
export type IdempotencyClaim =
  | { outcome: "claimed"; key: ClaimedKey }
  | { outcome: "replay"; response: StoredResponse }
  | { outcome: "in_use"; retryAfterSeconds: number }
  | { outcome: "reused" };

/** A key this request holds until it stores an answer or releases it. */
export interface ClaimedKey {
  /**
   * Stores `response` as the key's answer in `tx`, the transaction making the effect (the
   * service's Prisma transaction client), so both commit or neither does.
   * @throws AppError 409 IDEMPOTENCY_KEY_IN_USE when the key is no longer this request's (a retry
   *   took it over after the claim's lock expired): the effect's transaction must roll back
   */
  storeIn(tx: unknown, response: StoredResponse): Promise<void>;
  /** Stores `response` in a transaction of its own: an answer with no effect behind it (a 4xx). */
  store(response: StoredResponse): Promise<void>;
  /** Gives the key up (a 5xx, no effect): a retry with it runs again. Never throws. */
  release(): Promise<void>;
}

/** Where keys are kept: `@erp/idempotency`'s `createIdempotencyStore` (PostgreSQL, the service's schema). */
export interface IdempotencyStore {
  claim(request: IdempotentRequest): Promise<IdempotencyClaim>;
}

/** `ctx.idempotency`: how a handler stores its answer in the transaction of its effect. */
export interface IdempotencyHandle {
  /** True when the route is idempotent and the request carries a key: its answer will be kept. */
  readonly active: boolean;
  /**
   * Stores `response` as the key's answer in `tx`, the transaction making the effect; call it last
   * in that transaction. A no-op without a key.
   * @throws AppError 409 IDEMPOTENCY_KEY_IN_USE when a retry took the key over meanwhile
   */
  store(tx: unknown, response: StoredResponse): Promise<void>;
  /** `store` of what `created(ctx, data, location)` sends: 201, `{data}`, Location. */
  created(tx: unknown, data: unknown, location: string): Promise<void>;
  /** `store` of what returning `data` from the handler sends: 200, `{data}`. */
  ok(tx: unknown, data: unknown): Promise<void>;
}

/** The handle of a request without a key, or of a route that is not idempotent: stores nothing. */
export const inactiveIdempotency: IdempotencyHandle = {
  active: false,
  store: async () => undefined,
  created: async () => undefined,
  ok: async () => undefined,
};

/** `data` as JSON would carry it (Dates as strings, Decimals as their JSON), so a replay equals the first answer. */
function asJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** The `Idempotency-Key` header parameter of an idempotent route, for the OpenAPI document. */
export const idempotencyKeyHeaders = z.object({
  [IDEMPOTENCY_KEY_HEADER]: z
    .string()
    .min(1)
    .max(IDEMPOTENCY_KEY_MAX_LENGTH)
    .optional()
    .openapi({
      description:
        "Makes a retry safe: a unique value per operation (a UUID), at most 255 visible ASCII characters. " +
        "The same key with the same request within 24 hours answers the first answer again (status and body, " +
        `with \`${IDEMPOTENT_REPLAYED_HEADER}: true\`) instead of doing it twice; with another request it is 422 ` +
        `\`${IDEMPOTENCY_KEY_REUSED}\`; while the first is still running it is 409 \`${IDEMPOTENCY_KEY_IN_USE}\` with Retry-After. ` +
        "Errors the request itself caused (4xx) are kept and replayed too; a server error (5xx) is not, so the retry runs again.",
      example: "5f0c6a55-3c3e-4a4c-9d7e-2b1f7a4f0c11",
    }),
});

/** Reads and checks the header; undefined when the client sent none. */
function readKey(req: Request): string | undefined {
  const value = req.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  if (value === undefined) return undefined;
  const key = Array.isArray(value) ? value.join(", ") : value;
  if (key.length === 0 || key.length > IDEMPOTENCY_KEY_MAX_LENGTH || !KEY_PATTERN.test(key)) {
    throw badRequest("Request headers are invalid", [
      { path: IDEMPOTENCY_KEY_HEADER, message: `Must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} visible ASCII characters (a UUID)` },
    ]);
  }
  return key;
}

/** JSON with object keys sorted at every depth: two bodies that mean the same read the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value as object)
      .sort()
      .filter((name) => (value as Record<string, unknown>)[name] !== undefined)
      .map((name) => `${JSON.stringify(name)}:${canonicalJson((value as Record<string, unknown>)[name])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** What a replay must match: method, path, query (as sent) and the body, canonical. */
function requestMaterial(req: Request): { path: string; material: string } {
  const url = req.originalUrl;
  const queryAt = url.indexOf("?");
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = queryAt < 0 ? "" : url.slice(queryAt + 1);
  return { path, material: [req.method, path, query, canonicalJson(req.body ?? null)].join("\n") };
}

/** Statuses whose cause a retry may outgrow: never kept as the key's answer. */
const TRANSIENT_STATUSES = new Set([408, 429]);
const KEY_CODES = new Set([IDEMPOTENCY_KEY_IN_USE, IDEMPOTENCY_KEY_REUSED]);

/** One request's key: its handle, then what happens with the answer. */
export interface IdempotentRun {
  handle: IdempotencyHandle;
  /** The handler answered: if it did not store the answer in its transaction, store what was sent now (and warn). */
  succeeded(res: Response): Promise<void>;
  /** The handler threw: keep a 4xx as the key's answer, release the key otherwise. */
  failed(err: unknown): Promise<void>;
}

/** A replay to send, a claimed key to run with, or neither (no key sent). */
export type IdempotencyStart =
  | { replay: StoredResponse; run?: undefined }
  | { run: IdempotentRun; replay?: undefined }
  | { run?: undefined; replay?: undefined };

/**
 * Claims the request's key (when it has one) before the handler runs.
 * @throws AppError 400 (a malformed key), 409 IDEMPOTENCY_KEY_IN_USE (Retry-After set on `res`),
 *   422 IDEMPOTENCY_KEY_REUSED
 */
export async function startIdempotency(
  store: IdempotencyStore,
  req: Request,
  res: Response,
  routePath: string,
  logger: Logger | undefined,
): Promise<IdempotencyStart> {
  const key = readKey(req);
  if (key === undefined) return {};
  const principal: Principal | undefined = req.principal;
  const owner = principal ? { organizationId: principal.organizationId } : { route: `${req.method} ${routePath}` };
  const { path, material } = requestMaterial(req);
  const claim = await store.claim({ key, owner, method: req.method, path, material });
  switch (claim.outcome) {
    case "replay":
      return { replay: claim.response };
    case "in_use":
      res.setHeader("Retry-After", String(claim.retryAfterSeconds));
      throw new AppError(IDEMPOTENCY_KEY_IN_USE, "A request with this Idempotency-Key is still being processed; retry later", 409);
    case "reused":
      throw new AppError(
        IDEMPOTENCY_KEY_REUSED,
        "This Idempotency-Key was used with another request (body, path or query); use a new key for a new request",
        422,
      );
    case "claimed":
      return { run: claimedRun(claim.key, req, res, logger) };
  }
}

function claimedRun(key: ClaimedKey, req: Request, res: Response, logger: Logger | undefined): IdempotentRun {
  let stored = false;
  // What the handler sends, for a route that did not store its answer itself.
  let sent: unknown = null;
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    sent = body;
    return json(body);
  };
  const store = async (tx: unknown, response: StoredResponse) => {
    if (stored) throw new Error("the Idempotency-Key's answer was stored already");
    await key.storeIn(tx, { ...response, body: asJson(response.body) });
    stored = true;
  };
  const handle: IdempotencyHandle = {
    active: true,
    store,
    created: (tx, data, location) => store(tx, { status: 201, body: { data: asJson(data) }, headers: { Location: location } }),
    ok: (tx, data) => store(tx, { status: 200, body: { data: asJson(data) }, headers: {} }),
  };
  return {
    handle,
    async succeeded() {
      if (stored) return;
      // Kept after the answer went out: a crash in between leaves the effect without its answer (a
      // retry after the claim's lock would do it again) and a retry racing this store gets 409.
      // Routes store in the effect's transaction.
      logger?.warn("idempotent route answered without storing its answer in the effect's transaction", { route: `${req.method} ${req.path}` });
      const location = res.getHeader("Location");
      const headers: Record<string, string> = location === undefined ? {} : { Location: String(location) };
      const response = { status: res.statusCode, body: asJson(sent), headers };
      await key.store(response).catch((err: unknown) => logger?.error("storing an Idempotency-Key's answer failed", { err }));
    },
    async failed(err) {
      const { status, body } = toErrorResponse(err);
      const keep = status >= 400 && status < 500 && !TRANSIENT_STATUSES.has(status) && !KEY_CODES.has(body.error.code);
      // An answer stored in a transaction that committed stays: the store changes only a key still in flight.
      // Failing to keep or release is logged, not thrown: the client gets the handler's error, and
      // an unreleased key is taken over by a retry once its lock expires.
      const settle = keep ? key.store({ status, body, headers: {} }) : key.release();
      await settle.catch((failure: unknown) => logger?.error("settling an Idempotency-Key after an error failed", { err: failure }));
    },
  };
}

/** Sends a kept answer again, marked as a replay. */
export function sendReplay(res: Response, response: StoredResponse): void {
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.setHeader(IDEMPOTENT_REPLAYED_HEADER, "true");
  res.status(response.status);
  if (response.body === null) res.end();
  else res.json(response.body);
}

/**
 * The route's OpenAPI entry with the header parameter, the key's 409 and 422 codes beside the
 * route's own, and a sentence on replays.
 */
export function documentIdempotency<R extends { description?: string; responses: Record<number, { description: string; codes?: string[] }> }>(
  route: R,
): R {
  const withCode = (status: number, code: string, description: string) => {
    const declared = route.responses[status];
    if (!declared) return { description, codes: [code] };
    return { ...declared, codes: [...(declared.codes ?? []), code] };
  };
  const sentence =
    `Idempotent: send an \`${IDEMPOTENCY_KEY_HEADER}\` header to make a retry safe (the first answer is replayed for 24 hours ` +
    `with \`${IDEMPOTENT_REPLAYED_HEADER}: true\`).`;
  return {
    ...route,
    description: [route.description, sentence].filter(Boolean).join("\n\n"),
    responses: {
      ...route.responses,
      409: withCode(409, IDEMPOTENCY_KEY_IN_USE, "A request with the same Idempotency-Key is still in flight (retry after Retry-After)"),
      422: withCode(422, IDEMPOTENCY_KEY_REUSED, "The Idempotency-Key was used with another request"),
    },
  };
}
