/**
 * How a service or the gateway binds its port, and how it answers the errors Node's HTTP parser
 * raises before Express ever sees a request (an over-long request line, a malformed request).
 */
import { createServer, STATUS_CODES, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Express } from "express";

export interface ListenAddress {
  /** 0 asks the OS for a free port (tests). */
  port: number;
  /** The interface to bind: `127.0.0.1` unless the deployment needs others to reach it (HOST). */
  host: string;
}

/**
 * Binds `app` to `host:port` and resolves once it listens; rejects with the bind error
 * (`EADDRINUSE`, `EADDRNOTAVAIL`…). Client errors are answered in the API.md JSON error shape.
 */
export async function listenApp(app: Express, { port, host }: ListenAddress): Promise<Server> {
  const server = createServer(app);
  server.on("clientError", answerClientError);
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => {
      server.off("listening", onListening);
      reject(err);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
  return server;
}

/** The URL a bound server is reached at from the same host (a wildcard address means loopback). */
export function localUrl(address: AddressInfo): string {
  const wildcard = address.address === "0.0.0.0" || address.address === "::";
  const host = wildcard ? "127.0.0.1" : address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

interface ClientErrorAnswer {
  status: number;
  code: string;
  message: string;
}

/**
 * Node's parser error codes and what Node itself would answer (status), worded as API.md errors.
 * Anything else the parser refuses is a malformed request: 400, like every other 400 here.
 */
const PARSER_ERRORS: Record<string, ClientErrorAnswer> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: "HEADERS_TOO_LARGE", message: "Request line or headers are too large" },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, code: "PAYLOAD_TOO_LARGE", message: "Chunk extensions are too large" },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: "REQUEST_TIMEOUT", message: "The request was not received in time" },
};
const MALFORMED: ClientErrorAnswer = { status: 400, code: "VALIDATION_FAILED", message: "Malformed HTTP request" };

/** Connections whose refused request has been answered. */
const answered = new WeakSet<Socket>();
/** How long a connection whose request was refused stays open for the client to read the answer. */
const LINGER_MS = 2_000;

/**
 * The server's `clientError` listener. Without one Node writes a bare status line (no body, no
 * content type); with one, answering and closing the socket is ours to do.
 */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  // The parser stays failed and reports again for every chunk the client still sends: answered once.
  if (answered.has(socket)) return;
  if (err.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  // A pipelined request behind one still being answered: the answer follows that response.
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (inFlight?.headersSent) {
    inFlight.once("finish", () => answerClientError(err, socket));
    return;
  }
  answered.add(socket);
  // Closing at once while the rest of an over-long request is unread would reset the connection
  // and lose the answer; the client gets a moment to read it and hang up first.
  socket.setTimeout(LINGER_MS, () => socket.destroy());
  const { status, code, message } = (err.code && PARSER_ERRORS[err.code]) || MALFORMED;
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    [
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}`,
      "Content-Type: application/json; charset=utf-8",
      `Content-Length: ${Buffer.byteLength(body)}`,
      "X-Content-Type-Options: nosniff",
      "Cache-Control: no-store",
      "Connection: close",
      "",
      body,
    ].join("\r\n"),
  );
}
