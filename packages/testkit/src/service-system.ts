/**
 * Several real services under test, booted as in production (`startService`: migrations, events,
 * consumers, background work, listening over HTTP) on ONE test database and wired to each other
 * and to fake upstreams through their `<NAME>_URL` variables. For tests of services that call each
 * other over HTTP (auth and users: registration, invitations, JWKS), where `startServiceTestApp`'s
 * single app without listening, events or background tasks is not enough.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import type { Env } from "@erp/config";
import type { PrismaClientLike } from "@erp/db";
import { startService, type BuiltApp, type ServiceConfig, type ServiceDescriptor, type StartServiceOptions } from "@erp/service-kit";
import { testConfigEnv } from "./config-env";
import { createTestDatabase } from "./postgres/test-databases";

/** A server `startService` (or a service package's `startServer`) started. */
export interface SystemServer {
  url: string;
  close(): Promise<void>;
}

/**
 * One service of the system: its own descriptor, or another service's package entry
 * (`{ name: "user", start: startServer }` from `@erp/user`: services never import each other's
 * descriptors), with variables of its own over the system's.
 */
export type SystemService =
  | AnyDescriptor
  | {
      /** The service's name: its URL variable is `<NAME>_URL` (`master-data` → MASTER_DATA_URL). */
      name: string;
      start?: (env: Env, options: StartServiceOptions) => Promise<SystemServer>;
      descriptor?: AnyDescriptor;
      env?: Record<string, string | undefined>;
    };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any descriptor's config/client/app
type AnyDescriptor = ServiceDescriptor<any, any, any, any>;

export interface ServiceSystemOptions {
  /** Started in this order, each on a port picked beforehand so that they can call each other. */
  services: SystemService[];
  /** Fakes standing in for other services, by name: `{ tenant: fake.url }` sets TENANT_URL. */
  upstreams?: Record<string, string>;
  /** Variables of every service, over testConfigEnv and the database's. */
  env?: Record<string, string | undefined>;
  /** An existing test database (a restart on the same data); default a fresh one (createTestDatabase). */
  connectionString?: string;
}

export interface ServiceSystem {
  connectionString: string;
  /** Each started service's base URL (`http://127.0.0.1:<port>`), by name. */
  urls: Record<string, string>;
  servers: Record<string, SystemServer>;
  /** The owner's connection (sees through RLS, every schema): for set-up and assertions only. */
  owner: pg.Pool;
  /** Closes the services, last started first, then the owner pool (not the database). */
  close(): Promise<void>;
}

/** `master-data` → `MASTER_DATA_URL`. */
export const urlVariable = (name: string): string => `${name.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_URL`;

/**
 * Starts `options.services` as `startService` does, on one test database (fresh unless
 * `connectionString` is given), each with every other one's and every upstream's `<NAME>_URL`.
 * A service that fails to start closes the ones started before it, then this rejects with its
 * error (a ConfigError naming the variables, a signing key it cannot read, ...).
 */
export async function startServiceSystem(options: ServiceSystemOptions): Promise<ServiceSystem> {
  const connectionString = options.connectionString ?? (await createTestDatabase());
  const services = options.services.map(normalise);
  const ports = await Promise.all(services.map(() => freePort()));
  const urls = Object.fromEntries(services.map((service, i) => [service.name, `http://127.0.0.1:${ports[i]}`]));
  const wiring = Object.fromEntries(
    [...Object.entries(options.upstreams ?? {}), ...Object.entries(urls)].map(([name, url]) => [urlVariable(name), url]),
  );
  const servers: Record<string, SystemServer> = {};
  const started: SystemServer[] = [];
  const closeStarted = async () => {
    for (const server of [...started].reverse()) await server.close();
  };
  try {
    for (const [i, service] of services.entries()) {
      const env = testConfigEnv({ DATABASE_URL: connectionString, ...wiring, ...options.env, ...service.env });
      const server = await service.start(env, { port: ports[i] });
      started.push(server);
      servers[service.name] = server;
    }
  } catch (err) {
    await closeStarted();
    throw err;
  }
  const owner = new pg.Pool({ connectionString, max: 2 });
  return {
    connectionString,
    urls,
    servers,
    owner,
    async close() {
      await owner.end();
      await closeStarted();
    },
  };
}

function normalise(service: SystemService) {
  if ("prisma" in service) return { name: service.name, env: {}, start: startWith(service) };
  const start = service.start ?? (service.descriptor && startWith(service.descriptor));
  if (!start) throw new Error(`service ${service.name}: give its descriptor or its start function`);
  return { name: service.name, env: service.env ?? {}, start };
}

function startWith<Config extends ServiceConfig, Client extends PrismaClientLike, Prepared, App extends BuiltApp>(
  descriptor: ServiceDescriptor<Config, Client, Prepared, App>,
) {
  return (env: Env, options: StartServiceOptions) => startService(descriptor, env, options);
}

/**
 * A port free right now (the OS's pick), so that services calling each other know each other's
 * URL before any of them starts. Another process could take it before the service listens: the
 * start then fails with EADDRINUSE rather than anything silent.
 */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
