/** Minimal raw-socket Kafka client for protocol edge cases kafkajs never exercises. */
import { connect, type Socket } from "node:net";
import { Reader } from "../src/protocol/reader";
import { Writer } from "../src/protocol/writer";

export function frame(apiKey: number, apiVersion: number, correlationId: number, body: Buffer = Buffer.alloc(0)): Buffer {
  const w = new Writer();
  w.int32(0).int16(apiKey).int16(apiVersion).int32(correlationId).string("raw-test").raw(body);
  const out = Buffer.from(w.toBuffer());
  out.writeInt32BE(out.length - 4, 0);
  return out;
}

export class RawClient {
  private buf = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  ended = false;

  private constructor(readonly socket: Socket) {
    socket.on("data", (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.wake();
    });
    socket.on("end", () => {
      this.ended = true;
      this.wake();
    });
    socket.on("close", () => {
      this.ended = true;
      this.wake();
    });
    socket.on("error", () => undefined);
  }

  static open(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = connect(port, "127.0.0.1", () => resolve(new RawClient(s)));
      s.once("error", reject);
    });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private wait(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error("raw client: timed out")), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  /** Next response frame: its correlation id and a Reader over the body. */
  async response(timeoutMs = 5000): Promise<{ correlationId: number; body: Reader }> {
    for (;;) {
      if (this.buf.length >= 4) {
        const size = this.buf.readInt32BE(0);
        if (this.buf.length >= 4 + size) {
          const f = this.buf.subarray(4, 4 + size);
          this.buf = this.buf.subarray(4 + size);
          return { correlationId: f.readInt32BE(0), body: new Reader(f, 4) };
        }
      }
      if (this.ended) throw new Error("connection closed");
      await this.wait(timeoutMs);
    }
  }

  async closedByPeer(timeoutMs = 5000): Promise<boolean> {
    while (!this.ended) await this.wait(timeoutMs);
    return true;
  }

  /** Resolves false if no frame arrives within ms (used to assert acks=0 sends nothing). */
  async noResponseWithin(ms: number): Promise<boolean> {
    await new Promise((r) => setTimeout(r, ms));
    return this.buf.length === 0;
  }

  close(): void {
    this.socket.destroy();
  }
}
