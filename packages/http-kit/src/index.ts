import "./principal";

export { z } from "./zod";
export type { Principal } from "./principal";
// Routes import errors from the kit; use cases and repositories import them from @erp/errors.
export * from "@erp/errors";
export { errorBody, errorBodySchema, errorDetailSchema, type ErrorBody } from "./error-body";
export { csvRowPath } from "./validation-details";
export { postalAddressSchema, readPostalAddress, singleLine, type PostalAddress } from "./postal-address";
export { hasPermission, requirePermission } from "./permissions";
export { createServiceApp, type ServiceApp, type ServiceAppOptions } from "./create-service-app";
export type { Access } from "./access";
export type {
  HttpMethod,
  RouteContext,
  RouteDefinition,
  RouteEntry,
  RouteRequest,
  RouteResponse,
  PrincipalFor,
  ScopeFor,
} from "./route";
export { scopeOf } from "./principal-scope";
export type { ReadinessChecks } from "./health";
export { REQUEST_ID_HEADER, requestId } from "./request-id";
// The building blocks createServiceApp installs, for apps that are not services (the gateway).
export { accessLog } from "./access-log";
export { securityHeaders } from "./security-headers";
export { corsAllowList } from "./cors-allow-list";
export { notFoundHandler, errorHandler } from "./error-handler";
export { created, noContent, page, pageSchema, pagedReportSchema, type Page, type PageInfo } from "./responses";
export { paginationQuery, countParameter, totalIfAsked, encodeCursor, decodeCursor } from "./pagination";
export { listQuery, searchParameter, listWindow, keysetPage, wholeListQuery, wholePage, type ListWindow, type ListQueryOptions, type SortDirection, type SortValue } from "./list-query";
export { listenApp, localUrl, type ListenAddress } from "./listen";
export { serveApp, runService, type StartedServer } from "./serve";
export { createInternalClient, type InternalClient, type InternalClientOptions, type InternalCallOptions } from "./internal-client";
export {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  IDEMPOTENCY_KEY_IN_USE,
  IDEMPOTENCY_KEY_REUSED,
  IDEMPOTENCY_KEY_MAX_LENGTH,
  canonicalJson,
  type ClaimedKey,
  type IdempotencyClaim,
  type IdempotencyHandle,
  type IdempotencyStore,
  type IdempotentRequest,
  type StoredResponse,
} from "./idempotency";
