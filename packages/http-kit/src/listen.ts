/** Starts a service and stops it cleanly on SIGTERM/SIGINT. */
import type { Server } from "node:http";
import type { Logger } from "@erp/logging";
import type { Express } from "express";

export interface ListenOptions {
  port: number;
  host?: string;
  logger: Logger;
  /** Releases what the service holds (database pool, redis) after the last request finished. */
  onShutdown?: () => Promise<void>;
  /** In-flight requests get this long before their connections are cut. */
  shutdownTimeoutMs?: number;
}

export interface RunningServer {
  server: Server;
  /** Resolves once the port is bound. */
  ready: Promise<void>;
  /** Graceful stop without exiting the process (tests); signals call it and then exit. */
  close: () => Promise<void>;
}

const SIGNALS = ["SIGTERM", "SIGINT"] as const;

export function listen(app: Express, options: ListenOptions): RunningServer {
  const { logger, shutdownTimeoutMs = 10_000 } = options;
  const server = app.listen(options.port, options.host ?? "0.0.0.0");
  const ready = new Promise<void>((resolve, reject) => {
    server.once("listening", () => {
      const address = server.address();
      logger.info("Listening", { port: typeof address === "object" && address ? address.port : options.port });
      resolve();
    });
    server.once("error", reject);
  });
  // Failing to bind (port taken) is fatal for a service; say why and exit.
  ready.catch((err: unknown) => {
    logger.error("Could not start listening", { err });
    process.exit(1);
  });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= shutdown();
    return closing;
  };

  async function shutdown(): Promise<void> {
    for (const signal of SIGNALS) process.off(signal, onSignal);
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive connections hold close() open until they time out, including those that turn
    // idle when their in-flight request finishes, so idle ones are swept until the server stops.
    server.closeIdleConnections();
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const force = setTimeout(() => server.closeAllConnections(), shutdownTimeoutMs);
    await stopped;
    clearInterval(sweep);
    clearTimeout(force);
    await options.onShutdown?.();
  }

  function onSignal(signal: NodeJS.Signals): void {
    logger.info(`Received ${signal}, shutting down`);
    close().then(
      () => {
        logger.info("Shutdown complete");
        process.exit(0);
      },
      (err: unknown) => {
        logger.error("Shutdown failed", { err });
        process.exit(1);
      },
    );
  }

  for (const signal of SIGNALS) process.on(signal, onSignal);
  return { server, ready, close };
}
