/**
 * Growable big-endian writer for Kafka wire primitives.
 *
 * Responses are built into one buffer whose capacity doubles, so encoders can
 * write field by field without pre-computing sizes. `size` lets callers
 * reserve a length slot and back-patch it (record batches, frames).
 */
export class Writer {
  private buf: Buffer;
  private pos = 0;

  constructor(initial = 256) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  get length(): number {
    return this.pos;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let cap = Math.max(64, this.buf.length * 2);
    while (cap < this.pos + n) cap *= 2;
    const next = Buffer.allocUnsafe(cap);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  int8(v: number): this {
    this.ensure(1);
    this.buf.writeInt8(v, this.pos);
    this.pos += 1;
    return this;
  }

  bool(v: boolean): this {
    return this.int8(v ? 1 : 0);
  }

  int16(v: number): this {
    this.ensure(2);
    this.buf.writeInt16BE(v, this.pos);
    this.pos += 2;
    return this;
  }

  int32(v: number): this {
    this.ensure(4);
    this.buf.writeInt32BE(v, this.pos);
    this.pos += 4;
    return this;
  }

  uint32(v: number): this {
    this.ensure(4);
    this.buf.writeUInt32BE(v >>> 0, this.pos);
    this.pos += 4;
    return this;
  }

  int64(v: bigint | number): this {
    this.ensure(8);
    this.buf.writeBigInt64BE(typeof v === "bigint" ? v : BigInt(v), this.pos);
    this.pos += 8;
    return this;
  }

  varint(v: number): this {
    // Zig-zag then base-128; `>>> 0` keeps the intermediate unsigned.
    let z = ((v << 1) ^ (v >> 31)) >>> 0;
    this.ensure(5);
    while (z > 0x7f) {
      this.buf[this.pos++] = (z & 0x7f) | 0x80;
      z >>>= 7;
    }
    this.buf[this.pos++] = z;
    return this;
  }

  varlong(v: bigint | number): this {
    const b = typeof v === "bigint" ? v : BigInt(v);
    let z = BigInt.asUintN(64, (b << 1n) ^ (b >> 63n));
    this.ensure(10);
    while (z > 0x7fn) {
      this.buf[this.pos++] = Number(z & 0x7fn) | 0x80;
      z >>= 7n;
    }
    this.buf[this.pos++] = Number(z);
    return this;
  }

  nullableString(s: string | null | undefined): this {
    if (s == null) return this.int16(-1);
    const len = Buffer.byteLength(s, "utf8");
    this.int16(len);
    this.ensure(len);
    this.buf.write(s, this.pos, "utf8");
    this.pos += len;
    return this;
  }

  string(s: string): this {
    return this.nullableString(s);
  }

  nullableBytes(b: Buffer | null | undefined): this {
    if (b == null) return this.int32(-1);
    this.int32(b.length);
    return this.raw(b);
  }

  bytes(b: Buffer): this {
    return this.nullableBytes(b);
  }

  raw(b: Buffer): this {
    this.ensure(b.length);
    b.copy(this.buf, this.pos);
    this.pos += b.length;
    return this;
  }

  array<T>(items: readonly T[], item: (w: Writer, v: T) => void): this {
    this.int32(items.length);
    for (const v of items) item(this, v);
    return this;
  }

  nullableArray<T>(items: readonly T[] | null, item: (w: Writer, v: T) => void): this {
    if (items == null) return this.int32(-1);
    return this.array(items, item);
  }

  /** Overwrite an int32 at an earlier position (length back-patching). */
  patchInt32(at: number, v: number): this {
    this.buf.writeInt32BE(v, at);
    return this;
  }

  /** The written bytes (a view; copy if you keep mutating the writer). */
  toBuffer(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}
