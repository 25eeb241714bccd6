/** Builds a service's Express app with everything API.md expects; it never listens (see `listen`). */
import type { Logger } from "@erp/logging";
import express, { type Express, type RequestHandler } from "express";
import { accessMiddleware, isInternal, type Access } from "./access";
import { accessLog } from "./access-log";
import { jsonBodyParser, refuseTextBody, requireJsonBody, textBodyParser } from "./body-parsing";
import { corsAllowList } from "./cors-allow-list";
import { mountDocs } from "./docs-routes";
import { errorHandler, notFoundHandler } from "./error-handler";
import { mountHealth, type ReadinessChecks } from "./health";
import { documentIdempotency, idempotencyKeyHeaders, type IdempotencyStore } from "./idempotency";
import { OpenApiDocument } from "./openapi-document";
import { requestId } from "./request-id";
import {
  pathParameterNames,
  routeHandler,
  toExpressPath,
  type RouteDefinition,
  type RouteEntry,
  type RouteRequest,
} from "./route";
import { securityHeaders } from "./security-headers";

export interface ServiceAppOptions {
  /** Short service name, e.g. "tenant". */
  service: string;
  title: string;
  version: string;
  /** Public prefix of every non-internal route, e.g. "/api/v1/tenant". */
  basePath: string;
  logger: Logger;
  corsOrigins?: string[];
  bodyLimit?: string;
  /** Sets `req.principal` from the bearer token; required when any route needs a token. */
  authenticate?: RequestHandler;
  /** Required when any route has `access: { internal: true }`. */
  internalApiKey?: string;
  readiness?: ReadinessChecks;
  /** Where Idempotency-Keys are kept; required when any route is `idempotent` (service-kit's `context.idempotency`). */
  idempotency?: IdempotencyStore;
}

export interface ServiceApp {
  app: Express;
  route: <R extends RouteRequest = Record<never, never>, A extends Access = Access>(definition: RouteDefinition<R, A>) => void;
  /** Adds the 404 and error handlers; call once, after the last route. */
  finalize: () => void;
  routes: RouteEntry[];
  openApiDocument: () => object;
}

export function createServiceApp(options: ServiceAppOptions): ServiceApp {
  const { basePath, logger } = options;
  const app = express();
  const openApi = new OpenApiDocument({ title: options.title, version: options.version });
  const routes: RouteEntry[] = [];
  let finalized = false;

  app.use(requestId);
  app.use(accessLog(logger));
  app.use(securityHeaders());
  app.use(corsAllowList(options.corsOrigins ?? []));
  app.use(requireJsonBody);
  app.use(jsonBodyParser(options.bodyLimit ?? "1mb"));
  mountHealth(app, options.readiness ?? {}, logger);
  mountDocs(app, basePath, openApi);

  function route<R extends RouteRequest, A extends Access>(definition: RouteDefinition<R, A>): void {
    if (finalized) throw new Error(`route ${definition.path} added after finalize(); it would be unreachable`);
    const internal = isInternal(definition.access);
    if (definition.internal && !internal) {
      throw new Error(`route ${definition.path} is marked internal but its access is not { internal: true }`);
    }
    // Internal routes live outside basePath so the gateway, which forwards basePath, never exposes them.
    const prefix = internal ? "/internal" : basePath;
    const path = internal && definition.path.startsWith("/internal/") ? definition.path : `${prefix}${definition.path}`;
    const label = `${definition.method.toUpperCase()} ${path}`;
    const pathParameters = pathParameterNames(path);
    if (pathParameters.length > 0 && !definition.request?.params) {
      throw new Error(`${label} has path parameters (${pathParameters.join(", ")}) but no params schema`);
    }

    const generic = definition as unknown as RouteDefinition;
    const contentType = definition.request?.contentType;
    const { idempotent } = definition;
    if (idempotent && !options.idempotency) throw new Error(`${label} is idempotent but createServiceApp got no idempotency store`);
    if (idempotent && definition.method !== "post") throw new Error(`${label}: only POST routes take an Idempotency-Key`);
    app[definition.method](
      toExpressPath(path),
      ...accessMiddleware(definition.access, options, label),
      ...(contentType ? textBodyParser(contentType, options.bodyLimit ?? "1mb") : [refuseTextBody]),
      routeHandler(generic, basePath, idempotent ? { store: options.idempotency!, routePath: path, logger } : undefined),
    );
    if (!internal) {
      const documented = { ...generic, path };
      openApi.add(idempotent ? { ...documentIdempotency(documented), headers: idempotencyKeyHeaders } : documented);
    }
    routes.push({ method: definition.method, path, summary: definition.summary, access: definition.access, ...(idempotent && { idempotent }) });
  }

  function finalize(): void {
    if (finalized) return;
    finalized = true;
    app.use(notFoundHandler);
    app.use(errorHandler(logger));
  }

  return { app, route, finalize, routes, openApiDocument: () => openApi.document() };
}
