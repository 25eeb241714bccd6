/**
 * TCP front end: Kafka framing (INT32 size prefix), request header v1 parsing, dispatch to API
 * handlers, response header v0 (correlation id) + body.
 *
 * Requests on one connection are processed strictly one at a time, like Kafka's muted channels:
 * the protocol promises responses in request order per connection, and a parked Fetch or JoinGroup
 * must therefore hold back later requests on the same socket. Clients that need concurrency open
 * several connections (kafkajs uses a dedicated one for Fetch).
 */
import type { Socket } from "node:net";
import { encodeApiVersions } from "./apis/apiVersions";
import type { ApiHandler, BrokerContext } from "./apis/types";
import { ApiKey } from "./protocol/apiKeys";
import { ErrorCode } from "./protocol/errors";
import { Reader } from "./protocol/reader";
import type { Writer } from "./protocol/writer";

/** Refuse absurd frames early (Kafka's socket.request.max.bytes defaults to 100 MiB). */
const MAX_FRAME_BYTES = 100 * 1024 * 1024;

export class BrokerConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private busy = false;
  private closed = false;
  private readonly label: string;

  constructor(
    private readonly socket: Socket,
    private readonly broker: BrokerContext,
    private readonly handlers: ReadonlyMap<number, ApiHandler>,
  ) {
    this.label = `${socket.remoteAddress}:${socket.remotePort}`;
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    // Without an 'error' listener a client RST would crash the test process.
    socket.on("error", (err) => this.broker.log("debug", `connection ${this.label}: ${err.message}`));
    socket.on("close", () => {
      this.closed = true;
    });
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    // TCP gives arbitrary slices: accumulate until at least one whole frame is present.
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    this.pump().catch((e: unknown) => {
      this.broker.log("warn", `connection ${this.label}: internal error ${(e as Error)?.stack ?? String(e)}`);
      this.close();
    });
  }

  /** Drain complete frames sequentially; re-entrant calls return at once while one is running. */
  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (!this.closed && this.buffer.length >= 4) {
        const size = this.buffer.readInt32BE(0);
        if (size < 0 || size > MAX_FRAME_BYTES) {
          this.broker.log("warn", `connection ${this.label}: invalid frame size ${size}; closing connection`);
          this.close();
          return;
        }
        if (this.buffer.length < 4 + size) return; // wait for the rest of the frame
        const frame = this.buffer.subarray(4, 4 + size);
        this.buffer = this.buffer.subarray(4 + size);
        await this.handleFrame(frame);
      }
    } finally {
      this.busy = false;
    }
  }

  private async handleFrame(frame: Buffer): Promise<void> {
    const r = new Reader(frame);
    let apiKey: number;
    let apiVersion: number;
    let correlationId: number;
    let clientId: string | null;
    try {
      // Request header v1 (v2 only appends tagged fields, which we never need: we advertise no
      // flexible versions, and the one flexible request we meet — ApiVersions v3 — gets a fixed reply).
      apiKey = r.int16();
      apiVersion = r.int16();
      correlationId = r.int32();
      clientId = r.nullableString();
    } catch {
      this.broker.log("warn", `connection ${this.label}: malformed request header; closing connection`);
      this.close();
      return;
    }

    const handler = this.handlers.get(apiKey);
    if (!handler) {
      this.broker.log(
        "warn",
        `connection ${this.label}: unknown API key ${apiKey} (version ${apiVersion}, client ${clientId ?? "-"}); closing connection`,
      );
      this.close();
      return;
    }
    if (apiVersion < handler.minVersion || apiVersion > handler.maxVersion) {
      if (apiKey === ApiKey.ApiVersions) {
        // KIP-511: answer in v0 format so any client can parse the error and the supported range.
        this.broker.log("debug", `connection ${this.label}: ApiVersions v${apiVersion} unsupported; replying with our range`);
        this.send(correlationId, encodeApiVersions([...this.handlers.values()], ErrorCode.UNSUPPORTED_VERSION, 0));
        return;
      }
      this.broker.log(
        "warn",
        `connection ${this.label}: ${handler.name} v${apiVersion} not supported (v${handler.minVersion}-v${handler.maxVersion}); closing connection`,
      );
      this.close();
      return;
    }

    this.broker.log("debug", `connection ${this.label}: ${handler.name} v${apiVersion} correlation ${correlationId} client ${clientId ?? "-"}`);
    let body: Writer | null;
    try {
      body = await handler.handle(r, {
        broker: this.broker,
        apiVersion,
        correlationId,
        clientId: clientId ?? "",
        clientHost: `/${this.socket.remoteAddress ?? "unknown"}`,
      });
    } catch (e) {
      // Undecodable request: Kafka drops the connection too; the client reconnects and retries.
      this.broker.log("warn", `connection ${this.label}: ${handler.name} v${apiVersion} failed: ${(e as Error).message}; closing connection`);
      this.close();
      return;
    }
    if (body) this.send(correlationId, body);
  }

  private send(correlationId: number, body: Writer): void {
    if (this.closed || this.socket.destroyed || !this.socket.writable) return;
    const payload = body.toBuffer();
    const out = Buffer.allocUnsafe(8 + payload.length);
    out.writeInt32BE(4 + payload.length, 0);
    out.writeInt32BE(correlationId, 4);
    payload.copy(out, 8);
    this.socket.write(out);
  }

  /** Graceful close: FIN after pending writes flush. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.end();
  }

  /** Immediate close (broker shutdown). */
  destroy(): void {
    this.closed = true;
    this.socket.destroy();
  }
}
