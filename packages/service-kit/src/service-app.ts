/**
 * What every service's app.ts used to repeat: its dependencies' common part and the
 * `createServiceApp` call built from them. A service's app.ts keeps only its routes.
 */
import type { BaseConfig } from "@erp/config";
import { createServiceApp, type ReadinessChecks, type ServiceApp, type ServiceAppOptions } from "@erp/http-kit";
import type { Logger } from "@erp/logging";

/** The config variables `createServiceAppFor` reads (every service's config has them). */
export type ServiceAppConfig = Pick<BaseConfig, "CORS_ORIGINS" | "BODY_LIMIT" | "INTERNAL_API_KEY">;

/**
 * What a service's `createApp` gets from its descriptor's context (`{ ...context, authenticate }`):
 * `Db` is the service's database (`/ready` pings it), `Config` what its routes read from its config
 * beside `ServiceAppConfig` (e.g. `Pick<UserConfig, keyof ServiceAppConfig | "INVITATION_TTL_SECONDS">`).
 * A service adds its own fields by extending it.
 */
export interface ServiceAppDependencies<Db extends { ping(): Promise<void> }, Config extends ServiceAppConfig = ServiceAppConfig> {
  /** The service's name and base path (src/service-names.ts, through the descriptor). */
  name: string;
  basePath: string;
  config: Config;
  logger: Logger;
  db: Db;
  /** Sets `req.principal` from the bearer token (usually `verifiedAccessTokens(context)`). */
  authenticate: NonNullable<ServiceAppOptions["authenticate"]>;
  /** Readiness checks beside the database's, e.g. `{ events: () => events.ready() }` (the event transport). */
  readiness?: ReadinessChecks;
}

/**
 * What only the service says: its OpenAPI title and version, and options beyond the common ones
 * (auth's `idempotency`; an `authenticate` of its own, which then need not be in the dependencies).
 */
export type ServiceAppFor = Pick<ServiceAppOptions, "title" | "version"> & Partial<Pick<ServiceAppOptions, "authenticate" | "idempotency">>;

/**
 * `createServiceApp` for a service's dependencies: `service` is `deps.name`, `basePath`, `logger`,
 * CORS origins, body limit and internal API key come from them, and `/ready` checks the database
 * (`deps.db.ping()`, called at each check, never here) beside `deps.readiness`. `options` add the
 * title, version and anything else; their `authenticate` wins over the dependencies'. Routes are the
 * caller's to add, then `finalize()`. Throws nothing itself.
 */
export function createServiceAppFor(
  deps: Omit<ServiceAppDependencies<{ ping(): Promise<void> }>, "authenticate"> & Partial<Pick<ServiceAppDependencies<{ ping(): Promise<void> }>, "authenticate">>,
  options: ServiceAppFor,
): ServiceApp {
  const { config } = deps;
  return createServiceApp({
    service: deps.name,
    title: options.title,
    version: options.version,
    basePath: deps.basePath,
    logger: deps.logger,
    corsOrigins: config.CORS_ORIGINS,
    bodyLimit: config.BODY_LIMIT,
    authenticate: options.authenticate ?? deps.authenticate,
    internalApiKey: config.INTERNAL_API_KEY,
    readiness: { database: () => deps.db.ping(), ...deps.readiness },
    idempotency: options.idempotency,
  });
}
