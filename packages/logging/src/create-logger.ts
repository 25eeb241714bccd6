/** The one way services get a logger. */
import { createLogger as createWinstonLogger, format, transports, type Logger } from "winston";
import { jsonOutput, prettyOutput, sanitizeFormat } from "./formats";
import { getRequestContext } from "./request-context";

export type { Logger };
export type LogFormat = "json" | "pretty";

export interface LoggerOptions {
  service: string;
  level?: string;
  /** Defaults to pretty on a terminal, JSON lines otherwise (files, log collectors). */
  format?: LogFormat;
  /** Where lines go; stdout unless a test wants to read them. */
  destination?: NodeJS.WritableStream;
}

export function createLogger({ service, level = "info", format: logFormat, destination = process.stdout }: LoggerOptions): Logger {
  const isTerminal = "isTTY" in destination && destination.isTTY === true;
  const output = (logFormat ?? (isTerminal ? "pretty" : "json")) === "pretty" ? prettyOutput(isTerminal) : jsonOutput;
  return createWinstonLogger({
    level,
    defaultMeta: contextMeta(service),
    format: format.combine(format.errors({ stack: true }), sanitizeFormat(), output),
    transports: [new transports.Stream({ stream: destination })],
  });
}

/**
 * winston copies `defaultMeta` into each entry when the log method is called, so getters read
 * the request context at that moment (formats may run later, outside the request's async
 * context, when the stream is backed up).
 */
function contextMeta(service: string): object {
  return {
    service,
    get requestId() {
      return getRequestContext()?.requestId;
    },
    get organizationId() {
      return getRequestContext()?.organizationId;
    },
    get userId() {
      return getRequestContext()?.userId;
    },
  };
}
