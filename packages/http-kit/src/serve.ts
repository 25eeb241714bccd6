/** How every service listens and how its entry point (`src/main.ts`) runs it. */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";
import { ConfigError } from "@erp/config";
import { maskUrl } from "@erp/logging";
import { listenApp, localUrl, type ListenAddress } from "./listen";

export interface StartedServer {
  port: number;
  /** The address it is bound to (`127.0.0.1` unless HOST says otherwise). */
  host: string;
  /** Where it is reached from the same host. */
  url: string;
  /** Stops accepting, lets in-flight requests finish, then releases what the service holds. */
  close(): Promise<void>;
}

/**
 * Listens on `address` (the service's port and its config's HOST); `release` closes the
 * service's relay, pool, Redis… Rejects with the bind error (EADDRINUSE…).
 */
export async function serveApp(app: Express, address: ListenAddress, release: () => Promise<void>): Promise<StartedServer> {
  const server = await listenApp(app, address);
  const bound = server.address() as AddressInfo;
  return {
    port: bound.port,
    host: bound.address,
    url: localUrl(bound),
    async close() {
      await stopAccepting(server);
      await release();
    },
  };
}

function stopAccepting(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeIdleConnections();
  });
}

/**
 * A service's entry point: starts it, and on SIGTERM/SIGINT closes it and exits. A request that
 * hangs past the grace period must not keep the process alive. A bad environment is reported as
 * its one readable line; any other start-up failure with its stack.
 */
export function runService(name: string, start: () => Promise<Pick<StartedServer, "close">>, graceMs = 10_000): void {
  start().then(
    (server) => {
      let stopping = false;
      const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        process.stderr.write(`${name}: ${signal} received, shutting down\n`);
        setTimeout(() => process.exit(1), graceMs).unref();
        server.close().then(
          () => process.exit(0),
          (err: unknown) => {
            process.stderr.write(`${name}: shutdown failed: ${maskUrl(String(err))}\n`);
            process.exit(1);
          },
        );
      };
      process.once("SIGTERM", () => shutdown("SIGTERM"));
      process.once("SIGINT", () => shutdown("SIGINT"));
    },
    (err: unknown) => {
      const report = err instanceof ConfigError ? err.message : err instanceof Error ? String(err.stack) : String(err);
      process.stderr.write(`${maskUrl(report)}\n`);
      process.exit(1);
    },
  );
}
