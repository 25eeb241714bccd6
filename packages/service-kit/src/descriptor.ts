/**
 * A service declared once: what `startService` boots and `startServiceTestApp` (@erp/testkit)
 * tests. Each service has one, in `services/<name>/src/service.ts`.
 */
import type { RevokedSessions } from "@erp/auth-kit";
import type { CreateDatabaseOptions, Database, PrismaClientLike, TransactionClient } from "@erp/db";
import type { EventHandlers } from "@erp/events";
import type { IdempotencyStore, ReadinessChecks, ServiceApp } from "@erp/http-kit";
import type { Logger } from "@erp/logging";
import type { z } from "zod";
import type { ServiceConfig } from "./service-config";

/** What a service gets once its database is open (`prepare` runs with it). */
export interface DatabaseContext<Config, Client extends PrismaClientLike> {
  /** The descriptor's `name`. */
  name: string;
  /** The descriptor's `basePath`: hand it to `createServiceApp`. */
  basePath: string;
  config: Config;
  logger: Logger;
  db: Database<Client>;
}

/** What `createApp` and `background` get. */
export interface ServiceContext<Config, Client extends PrismaClientLike, Prepared = undefined> extends DatabaseContext<Config, Client> {
  /**
   * Sessions that ended before their access tokens expired, for `authenticate` (see
   * `verifiedAccessTokens`): fed by `auth.session.revoked` while the service runs, empty in tests.
   */
  revokedSessions: RevokedSessions;
  /** `/ready` checks beside the database's: the event transport (none in tests). */
  readiness: ReadinessChecks;
  /** What `prepare` returned (undefined without one). */
  prepared: Prepared;
  /**
   * Where the service keeps Idempotency-Keys (`<schema>.idempotency_keys`): hand it to
   * `createServiceApp({ idempotency })` so routes may be `idempotent: true`.
   */
  idempotency: IdempotencyStore;
}

/** The app a descriptor builds: `createServiceApp(...)`'s result, plus what to release at shutdown. */
export interface BuiltApp extends Pick<ServiceApp, "app" | "routes" | "openApiDocument"> {
  /** Releases what `createApp` opened (auth's Redis); called after the server stopped accepting. */
  close?(): Promise<void>;
}

/** Work beside the app (tenant's sweeper, auth's reconciler), stopped first at shutdown. */
export interface BackgroundTask {
  /** Stops scheduling and resolves once a run in flight is over. */
  stop(): Promise<void>;
}

/** The events a service consumes, as one consumer group (`subscribe` from @erp/events). */
export interface ServiceConsumers<Client extends PrismaClientLike> {
  /** Each group gets every event once; usually the service's name. */
  group: string;
  handlers: EventHandlers<TransactionClient<Client>>;
}

/** A service as `defineService` takes it: its descriptor but for the Prisma class. */
export interface ServiceDeclaration<
  Config extends ServiceConfig,
  Client extends PrismaClientLike,
  Prepared = undefined,
  App extends BuiltApp = BuiltApp,
> {
  /**
   * The service's name, singular and kebab-case (`user`, `master-data`): its logs' `service`,
   * its Kafka client id, its `services/<name>` folder and so the launcher's `<NAME>_PORT`/`_URL`.
   */
  name: string;
  /** Its PostgreSQL schema: its tables, its `outbox`, its migrations' `_prisma_migrations` (`users`, `master_data`). */
  schema: string;
  /** The public prefix of its routes, as the gateway forwards them (`/api/v1/users`). */
  basePath: string;
  /** Its environment: `serviceConfigSchema({ ... })`. */
  config: z.ZodType<Config, unknown>;
  /** The port it listens on, from its config (`(config) => config.USER_PORT`). */
  port(config: Config): number;
  /** Its `prisma/migrations` folder, applied at every start (idempotent, advisory-locked). */
  migrationsDir: string;
  /**
   * The events it consumes; started after its own events, before the app. A function builds them
   * from the service's context once its database is open (handlers that need its settings).
   */
  consumers?: ServiceConsumers<Client> | ((context: DatabaseContext<Config, Client>) => ServiceConsumers<Client>);
  /**
   * Runs once the database is open, before events start: what must hold before anything else
   * runs (auth's signing keys, re-encrypted on rotation). Its result reaches `createApp` as
   * `prepared`; throwing stops the start (the database is closed again).
   */
  prepare?(context: DatabaseContext<Config, Client>): Promise<Prepared>;
  /** Builds the Express app (it never listens): usually `createApp(...)` from the service's app.ts. */
  createApp(context: ServiceContext<Config, Client, Prepared>): App | Promise<App>;
  /** Work started beside the app once it is built (sweepers), stopped first at shutdown. */
  background?(context: ServiceContext<Config, Client, Prepared>): BackgroundTask[];
}

/** A service declared once: what `startService` boots and `startServiceTestApp` builds. */
export interface ServiceDescriptor<
  Config extends ServiceConfig,
  Client extends PrismaClientLike,
  Prepared = undefined,
  App extends BuiltApp = BuiltApp,
> extends ServiceDeclaration<Config, Client, Prepared, App> {
  /** Its generated `PrismaClient` class. */
  prisma: CreateDatabaseOptions<Client>["PrismaClient"];
}

/**
 * Declares a service on its generated `PrismaClient` class; see `ServiceDescriptor` for each field.
 * The class is a separate argument so that TypeScript infers the client's type from it before it
 * types the callbacks (it cannot from a field beside them: the class's constructor is generic).
 */
export function defineService<Client extends PrismaClientLike, Config extends ServiceConfig, Prepared = undefined, App extends BuiltApp = BuiltApp>(
  prisma: CreateDatabaseOptions<Client>["PrismaClient"],
  declaration: ServiceDeclaration<Config, Client, Prepared, App>,
): ServiceDescriptor<Config, Client, Prepared, App> {
  return { ...declaration, prisma };
}
