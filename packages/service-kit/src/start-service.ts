/** How every service boots: config → migrate → database → events → app → listen, and back at shutdown. */
import { followSessionRevocations } from "@erp/auth-kit";
import { parseConfig, type Env } from "@erp/config";
import { createDatabase, migrate, type PrismaClientLike } from "@erp/db";
import { startServiceEvents, subscribe, type ServiceEventsTuning } from "@erp/events";
import { runService as runEntryPoint, serveApp, type StartedServer } from "@erp/http-kit";
import { createLogger, type Logger } from "@erp/logging";
import type { BuiltApp, ServiceContext, ServiceDescriptor } from "./descriptor";
import { serviceIdempotency, startIdempotencyHousekeeping } from "./idempotency";
import type { ServiceConfig } from "./service-config";

export interface StartServiceOptions {
  /** Instead of the config's port; 0 asks the OS for a free one (tests). */
  port?: number;
  /** Timings of the relay and transport (tests shorten them). */
  eventsTuning?: ServiceEventsTuning;
}

/**
 * Boots the service `descriptor` declares, from `env`:
 * 1. parses the config (every variable, the events' included, before anything runs);
 * 2. applies its migrations (idempotent and advisory-locked: every replica may run them);
 * 3. opens its database (DB_POOL_MAX connections), then runs `prepare`;
 * 4. starts its events (outbox relay, housekeeping, transport), its consumers and the revoked-
 *    session feed (`auth.session.revoked`), so revoked sessions are refused within moments;
 * 5. builds the app (`createApp`), starts `background` work (and the pruning of expired
 *    Idempotency-Keys where the schema keeps them) and listens on HOST and its port.
 *
 * `close()` stops accepting, lets in-flight requests finish, then releases everything in the
 * reverse order. A step that fails releases what the steps before it opened, then rejects.
 * @throws ConfigError naming every bad variable; the failing step's error otherwise (EADDRINUSE…)
 */
export async function startService<Config extends ServiceConfig, Client extends PrismaClientLike, Prepared, App extends BuiltApp>(
  descriptor: ServiceDescriptor<Config, Client, Prepared, App>,
  env: Env,
  options: StartServiceOptions = {},
): Promise<StartedServer> {
  const { name, schema, basePath } = descriptor;
  const config = parseConfig(descriptor.config, env);
  const logger = createLogger({ service: name, level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const opened = new ReleaseStack(logger);
  try {
    const connectionString = config.DATABASE_URL;
    await migrate({ connectionString, schema, migrationsDir: descriptor.migrationsDir, logger });
    const db = createDatabase({ connectionString, PrismaClient: descriptor.prisma, schema, logger, poolMax: config.DB_POOL_MAX });
    opened.push("database", () => db.close());
    const base = { name, basePath, config, logger, db };
    const prepared = (descriptor.prepare ? await descriptor.prepare(base) : undefined) as Prepared;

    const events = await startServiceEvents({ config, service: name, schema, connectionString, pool: db.pool, logger, tuning: options.eventsTuning });
    // Closing the transport also ends every subscription on it (the revoked-session feed's).
    opened.push("events", () => events.close());
    if (descriptor.consumers) {
      const consumers = typeof descriptor.consumers === "function" ? descriptor.consumers(base) : descriptor.consumers;
      const consumer = await subscribe({ transport: events.transport, db, ...consumers, logger });
      opened.push("consumers", () => consumer.close());
    }
    const revocations = await followSessionRevocations({ transport: events.transport, logger });

    const context: ServiceContext<Config, Client, Prepared> = {
      ...base,
      revokedSessions: revocations.revokedSessions,
      readiness: { events: () => events.ready() },
      prepared,
      idempotency: serviceIdempotency(db, schema),
    };
    const service = await descriptor.createApp(context);
    if (service.close) opened.push("app", () => service.close!());
    for (const task of descriptor.background?.(context) ?? []) opened.push("background task", () => task.stop());
    // Expired keys go on the events' housekeeping interval; a missing table with idempotent routes stops the start.
    const pruning = await startIdempotencyHousekeeping({
      pool: db.pool,
      schema,
      routes: service.routes,
      intervalMs: options.eventsTuning?.pruneIntervalMs ?? config.EVENTS_PRUNE_INTERVAL_MINUTES * 60_000,
      logger,
    });
    if (pruning) opened.push("idempotency housekeeping", () => pruning.stop());

    const server = await serveApp(service.app, { port: options.port ?? descriptor.port(config), host: config.HOST }, () => opened.releaseAll());
    logger.info(`${name} service listening`, { port: server.port, basePath });
    return server;
  } catch (err) {
    await opened.releaseAll();
    throw err;
  }
}

/**
 * A service's entry point (`src/main.ts`): starts it from `process.env`; on SIGTERM/SIGINT closes
 * it and exits (http-kit's `runService`, which also reports a bad environment in one line).
 */
export function runService<Config extends ServiceConfig, Client extends PrismaClientLike, Prepared, App extends BuiltApp>(
  descriptor: ServiceDescriptor<Config, Client, Prepared, App>,
): void {
  runEntryPoint(descriptor.name, () => startService(descriptor, process.env));
}

/** What a start opened, released last-opened first; a failing release is logged and the rest still run. */
class ReleaseStack {
  private readonly releases: { what: string; release: () => Promise<void> }[] = [];

  constructor(private readonly logger: Logger) {}

  push(what: string, release: () => Promise<void>): void {
    this.releases.push({ what, release });
  }

  async releaseAll(): Promise<void> {
    for (let next = this.releases.pop(); next; next = this.releases.pop()) {
      await next.release().catch((err: unknown) => {
        this.logger.error(`closing the ${next!.what} failed`, { error: err instanceof Error ? err.message : String(err) });
      });
    }
  }
}
