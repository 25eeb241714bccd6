/**
 * A route is declared once: its zod schemas validate the request, type the handler's input and
 * describe the operation in the OpenAPI document.
 */
import type { Request, RequestHandler, Response } from "express";
import type { Access } from "./access";
import type { TextBodyType } from "./body-parsing";
import { badRequest } from "@erp/errors";
import type { Logger } from "@erp/logging";
import { inactiveIdempotency, sendReplay, startIdempotency, type IdempotencyHandle, type IdempotencyStore } from "./idempotency";
import type { Scope } from "@erp/scope";
import type { Principal } from "./principal";
import { scopeOf } from "./principal-scope";
import { refuseNulCharacters } from "./nul-bytes";
import { isPage } from "./responses";
import { declaredParameters, unknownFields, unknownParameters } from "./unknown-fields";
import { validationDetails } from "./validation-details";
import type { z } from "./zod";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** Params and query must be objects so they can be documented as named parameters. */
export type ObjectSchema = z.ZodObject | z.ZodPipe<z.ZodObject, z.ZodType>;

export interface RouteRequest {
  params?: ObjectSchema;
  query?: ObjectSchema;
  body?: z.ZodType;
  /** A text body instead of JSON (CSV imports): only this route accepts it, `body` gets the string. */
  contentType?: TextBodyType;
}

export interface RouteResponse {
  description: string;
  /** What the handler returns: documented inside `{data}`, or as is when made with `pageSchema`. */
  schema?: z.ZodType;
  /** A response the handler sends itself in another type (`text/csv` exports); documented as is. */
  contentType?: string;
  /**
   * Other types the same status is answered in, by content negotiation (a report as CSV with
   * `format=csv` or `Accept: text/csv`): `{ "text/csv": z.string() }`, documented beside the JSON.
   */
  alternatives?: Record<string, z.ZodType>;
  /** The API error codes this (error) status may carry: `["CATEGORY_CYCLE", "CATEGORY_NOT_FOUND"]`. */
  codes?: string[];
}

type Parsed<S, Otherwise> = S extends z.ZodType ? z.output<S> : Otherwise;

/** Routes that require a token always have a principal; the others never get one. */
export type PrincipalFor<A extends Access> = A extends { permission: string } | { authenticated: true }
  ? Principal
  : undefined;

/** The scope comes with the principal: present exactly when the route has one. */
export type ScopeFor<A extends Access> = A extends { permission: string } | { authenticated: true } ? Scope : undefined;

export interface RouteContext<R extends RouteRequest = RouteRequest, A extends Access = Access> {
  params: Parsed<R["params"], Record<string, never>>;
  query: Parsed<R["query"], Record<string, never>>;
  body: Parsed<R["body"], undefined>;
  principal: PrincipalFor<A>;
  /** The principal's organization and the principal as actor, for use cases and `inTransaction`. */
  scope: ScopeFor<A>;
  /**
   * The public URL path of `path` under the service's basePath, for a Location header:
   * `created(ctx, product, ctx.location(\`/products/${product.id}\`))` → `/api/v1/master-data/products/…`.
   * Internal routes get the public path too (a resource created through `/internal` is read through basePath).
   */
  location(path: string): string;
  /**
   * On an `idempotent` route called with an Idempotency-Key: stores the answer in the effect's
   * transaction (`await ctx.idempotency.created(tx, data, location)` as the transaction's last
   * step). Inactive (stores nothing) otherwise.
   */
  idempotency: IdempotencyHandle;
  req: Request;
  res: Response;
}

export interface RouteDefinition<R extends RouteRequest = RouteRequest, A extends Access = Access> {
  method: HttpMethod;
  /** OpenAPI form, relative to basePath (or to `/internal` for internal routes): `/organizations/{id}`. */
  path: string;
  summary: string;
  description?: string;
  tags?: string[];
  /** Optional marker for internal routes; `access: { internal: true }` is what mounts them at `/internal`. */
  internal?: true;
  access: A;
  /**
   * Takes the `Idempotency-Key` header (API.md): for POSTs that move money or have effects seen
   * outside (registration, invoice issue, payments). The handler stores its answer in the effect's
   * transaction through `ctx.idempotency`; the app needs an `idempotency` store.
   */
  idempotent?: boolean;
  request?: R;
  responses: Record<number, RouteResponse>;
  handler: (ctx: RouteContext<R, A>) => unknown;
}

/** One row of the `routes` table. */
export interface RouteEntry {
  method: HttpMethod;
  /** Full path in OpenAPI form, as served: `/api/v1/tenant/organizations/{id}`, `/internal/...`. */
  path: string;
  summary: string;
  access: Access;
  /** The route takes Idempotency-Key (its service must have the `idempotency_keys` table). */
  idempotent?: true;
}

/** `/organizations/{id}` → `/organizations/:id`. */
export function toExpressPath(openApiPath: string): string {
  return openApiPath.replace(/\{(\w+)\}/g, ":$1");
}

export function pathParameterNames(openApiPath: string): string[] {
  return [...openApiPath.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
}

/** What an idempotent route needs beside its definition. */
export interface IdempotencyDependencies {
  store: IdempotencyStore;
  /** The route's full path in OpenAPI form: public routes' keys are kept per route. */
  routePath: string;
  logger?: Logger;
}

/**
 * Validates the request, runs the handler and sends what it returns unless it already answered.
 * `basePath` is the service's public prefix (`ctx.location` resolves against it). An idempotent
 * route claims the request's Idempotency-Key after validation and before the handler (idempotency.ts).
 */
export function routeHandler(definition: RouteDefinition, basePath: string, idempotency?: IdempotencyDependencies): RequestHandler {
  const { request = {} } = definition;
  const parameters = declaredParameters(request.query);
  return async (req, res) => {
    refuseNulCharacters(req, request.contentType);
    const undeclared = unknownParameters(req.query, parameters);
    if (undeclared.length > 0) throw badRequest("Query parameters are invalid", undeclared);
    const params = await parse(request.params, req.params, "Path parameters are invalid", {});
    const query = await parse(request.query, req.query, "Query parameters are invalid", {});
    const body = await parse(request.body, req.body, "Request body is invalid", undefined);
    if (request.body) {
      const unknown = unknownFields(req.body, body);
      if (unknown.length > 0) throw badRequest("Request body is invalid", unknown);
    }
    const started = idempotency ? await startIdempotency(idempotency.store, req, res, idempotency.routePath, idempotency.logger) : {};
    if (started.replay) return sendReplay(res, started.replay);
    const { run } = started;
    const { principal } = req;
    const ctx = {
      params,
      query,
      body,
      principal,
      // Built before the handler, once: auth-kit refuses tokens whose organization is not a uuid.
      scope: principal && scopeOf(principal),
      location: (path: string) => `${basePath}${path}`,
      idempotency: run?.handle ?? inactiveIdempotency,
      req,
      res,
    };
    if (!run) return answer(res, await definition.handler(ctx as RouteContext));
    let result: unknown;
    try {
      result = await definition.handler(ctx as RouteContext);
    } catch (err) {
      await run.failed(err);
      throw err;
    }
    answer(res, result);
    await run.succeeded(res);
  };
}

/** Sends what the handler returned unless it already answered. */
function answer(res: Response, result: unknown): void {
  if (res.headersSent) return;
  res.json(isPage(result) ? result : { data: result ?? null });
}

async function parse(schema: z.ZodType | undefined, input: unknown, message: string, otherwise: unknown) {
  if (!schema) return otherwise;
  const result = await schema.safeParseAsync(input);
  if (!result.success) throw badRequest(message, validationDetails(result.error));
  return result.data;
}
