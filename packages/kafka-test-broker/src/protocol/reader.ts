/**
 * Bounds-checked reader for Kafka's big-endian wire primitives.
 *
 * Every read checks the remaining length first so a truncated or malformed
 * request surfaces as a ProtocolError (→ the server closes that connection)
 * instead of reading garbage or throwing a RangeError deep inside Buffer.
 */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProtocolError";
  }
}

export class Reader {
  private pos: number;

  constructor(
    private readonly buf: Buffer,
    start = 0,
    private readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get offset(): number {
    return this.pos;
  }

  remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number, what: string): void {
    if (n < 0 || this.pos + n > this.end) {
      throw new ProtocolError(`truncated input reading ${what} at ${this.pos} (need ${n}, have ${this.end - this.pos})`);
    }
  }

  int8(): number {
    this.need(1, "int8");
    return this.buf.readInt8(this.pos++);
  }

  bool(): boolean {
    return this.int8() !== 0;
  }

  int16(): number {
    this.need(2, "int16");
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  int32(): number {
    this.need(4, "int32");
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  uint32(): number {
    this.need(4, "uint32");
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  int64(): bigint {
    this.need(8, "int64");
    const v = this.buf.readBigInt64BE(this.pos);
    this.pos += 8;
    return v;
  }

  /** Offsets and timestamps fit easily in a double for an in-memory test broker. */
  int64n(): number {
    return Number(this.int64());
  }

  /** Zig-zag encoded varint (record batch v2 fields). */
  varint(): number {
    let raw = 0;
    let shift = 0;
    for (;;) {
      this.need(1, "varint");
      const b = this.buf[this.pos++] as number;
      raw |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
      shift += 7;
      if (shift > 28) throw new ProtocolError("varint too long");
    }
    return (raw >>> 1) ^ -(raw & 1);
  }

  /** Zig-zag encoded varlong; bigint because deltas may exceed 32 bits. */
  varlong(): bigint {
    let raw = 0n;
    let shift = 0n;
    for (;;) {
      this.need(1, "varlong");
      const b = this.buf[this.pos++] as number;
      raw |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
      shift += 7n;
      if (shift > 63n) throw new ProtocolError("varlong too long");
    }
    return (raw >> 1n) ^ -(raw & 1n);
  }

  /** Nullable INT16-length string; -1 → null. */
  nullableString(): string | null {
    const len = this.int16();
    if (len < 0) return null;
    this.need(len, "string");
    const s = this.buf.toString("utf8", this.pos, this.pos + len);
    this.pos += len;
    return s;
  }

  /** Non-nullable string; a null on the wire is treated as "" (lenient, like the Java broker's defaults). */
  string(): string {
    return this.nullableString() ?? "";
  }

  /** Nullable INT32-length bytes. Returns a copy so stored data never aliases the receive buffer. */
  nullableBytes(): Buffer | null {
    const len = this.int32();
    if (len < 0) return null;
    return this.raw(len);
  }

  bytes(): Buffer {
    return this.nullableBytes() ?? Buffer.alloc(0);
  }

  /** Copy of the next n bytes. */
  raw(n: number): Buffer {
    this.need(n, "bytes");
    const out = Buffer.from(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return out;
  }

  /** View (no copy) of the next n bytes — for transient parsing only. */
  view(n: number): Buffer {
    this.need(n, "bytes");
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** INT32-count array; -1 → null. */
  nullableArray<T>(item: (r: Reader) => T): T[] | null {
    const n = this.int32();
    if (n < 0) return null;
    // A count larger than the remaining bytes cannot be valid (each element is ≥ 1 byte... or 0 for
    // empty structs, which Kafka never sends); reject early rather than loop for billions of items.
    if (n > this.remaining()) throw new ProtocolError(`array length ${n} exceeds remaining input`);
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(item(this));
    return out;
  }

  array<T>(item: (r: Reader) => T): T[] {
    return this.nullableArray(item) ?? [];
  }
}
