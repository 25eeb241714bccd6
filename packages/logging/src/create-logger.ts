/** The one way services get a logger. */
import { Writable } from "node:stream";
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

export function createLogger({ service, level = "info", format: logFormat, destination }: LoggerOptions): Logger {
  const testSink = destination ? undefined : testLogSink();
  const target = destination ?? testSink ?? process.stdout;
  const isTerminal = "isTTY" in target && target.isTTY === true;
  const output = (logFormat ?? (isTerminal ? "pretty" : "json")) === "pretty" ? prettyOutput(isTerminal) : jsonOutput;
  return createWinstonLogger({
    level,
    defaultMeta: contextMeta(service),
    format: format.combine(format.errors({ stack: true }), sanitizeFormat(), output),
    transports: [new transports.Stream({ stream: destination ?? testSink ?? batchedStdout() })],
  });
}

/**
 * Under jest, @erp/testkit's test environment installs a sink on the test's global that holds
 * log lines per test and prints them only when the test fails (expected errors stay quiet).
 */
function testLogSink(): Writable | undefined {
  const sink = (globalThis as Record<string, unknown>).__erpTestLogSink;
  if (typeof sink !== "function") return undefined;
  return new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      (sink as (chunk: string) => void)(String(chunk));
      done();
    },
  });
}

let stdoutBatch: Writable | undefined;

/**
 * stdout, written once per turn of the event loop instead of once per line. stdout to a file or a
 * pipe is a synchronous write(2) per call, and one per access-log line was up to a tenth of a
 * service's CPU under load (`pnpm bench --cpu-prof`). Lines are held for one turn at most, and
 * whatever is held when the process exits (process.exit, a fatal error) is written then.
 */
function batchedStdout(): Writable {
  if (stdoutBatch) return stdoutBatch;
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const chunk = pending.join("");
    pending = [];
    process.stdout.write(chunk);
  };
  process.on("exit", flush);
  stdoutBatch = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      pending.push(String(chunk));
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
      done();
    },
  });
  return stdoutBatch;
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
