/**
 * Record batch (magic v2) codec.
 *
 * Layout (KIP-98):
 *   baseOffset int64 | batchLength int32 | partitionLeaderEpoch int32 | magic int8 | crc uint32 |
 *   attributes int16 | lastOffsetDelta int32 | baseTimestamp int64 | maxTimestamp int64 |
 *   producerId int64 | producerEpoch int16 | baseSequence int32 | recordCount int32 | records...
 *
 * The CRC covers attributes..end, deliberately excluding baseOffset and partitionLeaderEpoch so a
 * broker can assign offsets by rewriting the first 8 bytes without recomputing it. The log stores
 * produced batches byte-for-byte (with the new base offset) and serves them back to consumers,
 * exactly as Kafka does; decoding here is for validation and for test inspection.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { crc32c } from "../protocol/crc32c";
import { ProtocolError, Reader } from "../protocol/reader";
import { Writer } from "../protocol/writer";

export const BATCH_HEADER_SIZE = 61; // bytes up to and including recordCount
const LENGTH_FIELDS_SIZE = 12; // baseOffset + batchLength: not counted in batchLength
const CRC_OFFSET = 17;
const ATTRIBUTES_OFFSET = 21;

export const Compression = { NONE: 0, GZIP: 1, SNAPPY: 2, LZ4: 3, ZSTD: 4 } as const;

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

export interface KafkaRecord {
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

export interface DecodedBatch {
  baseOffset: number;
  partitionLeaderEpoch: number;
  attributes: number;
  compression: number;
  isTransactional: boolean;
  isControl: boolean;
  lastOffsetDelta: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  records: KafkaRecord[];
  /** The exact wire bytes of this batch (a copy), for storage. */
  raw: Buffer;
}

/** Thrown for batches the broker must refuse; `code` is the Kafka error code to return. */
export class RecordBatchError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
    this.name = "RecordBatchError";
  }
}

function decompress(codec: number, data: Buffer): Buffer {
  switch (codec) {
    case Compression.NONE:
      return data;
    case Compression.GZIP:
      return gunzipSync(data);
    default:
      // snappy/lz4/zstd would need native or third-party codecs; refuse them explicitly so a test
      // that enables them fails loudly rather than silently storing undecodable data.
      throw new RecordBatchError(`unsupported compression codec ${codec}`, 76);
  }
}

function decodeRecord(r: Reader, baseOffset: number, baseTimestamp: number): KafkaRecord {
  const length = r.varint();
  const start = r.offset;
  r.int8(); // record attributes: unused in v2
  const timestampDelta = r.varlong();
  const offsetDelta = r.varint();
  const keyLen = r.varint();
  const key = keyLen < 0 ? null : r.raw(keyLen);
  const valueLen = r.varint();
  const value = valueLen < 0 ? null : r.raw(valueLen);
  const headerCount = r.varint();
  if (headerCount < 0 || headerCount > r.remaining()) throw new ProtocolError(`bad header count ${headerCount}`);
  const headers: RecordHeader[] = [];
  for (let i = 0; i < headerCount; i++) {
    const hkLen = r.varint();
    if (hkLen < 0) throw new ProtocolError("null header key");
    const hk = r.view(hkLen).toString("utf8");
    const hvLen = r.varint();
    headers.push({ key: hk, value: hvLen < 0 ? null : r.raw(hvLen) });
  }
  if (r.offset - start !== length) throw new ProtocolError(`record length mismatch (${length} vs ${r.offset - start})`);
  return {
    offset: baseOffset + offsetDelta,
    timestamp: baseTimestamp + Number(timestampDelta),
    key,
    value,
    headers,
  };
}

/**
 * Decode one batch starting at `start`. Verifies magic and CRC-32C; returns the batch and the
 * number of bytes it occupied. Throws RecordBatchError (with a Kafka error code) or ProtocolError.
 */
export function decodeRecordBatch(buf: Buffer, start = 0): { batch: DecodedBatch; size: number } {
  const head = new Reader(buf, start);
  const baseOffset = head.int64n();
  const batchLength = head.int32();
  const end = start + LENGTH_FIELDS_SIZE + batchLength;
  if (batchLength < BATCH_HEADER_SIZE - LENGTH_FIELDS_SIZE || end > buf.length) {
    throw new RecordBatchError(`truncated record batch (length ${batchLength})`, 2);
  }
  const r = new Reader(buf, start + LENGTH_FIELDS_SIZE, end);
  const partitionLeaderEpoch = r.int32();
  const magic = r.int8();
  if (magic !== 2) throw new RecordBatchError(`unsupported message format magic ${magic}`, 43);
  const crc = r.uint32();
  const actual = crc32c(buf, start + ATTRIBUTES_OFFSET, end);
  if (crc !== actual) throw new RecordBatchError(`CRC mismatch (stored ${crc}, computed ${actual})`, 2);
  const attributes = r.int16();
  const lastOffsetDelta = r.int32();
  const baseTimestamp = r.int64n();
  const maxTimestamp = r.int64n();
  const producerId = r.int64n();
  const producerEpoch = r.int16();
  const baseSequence = r.int32();
  const count = r.int32();
  const compression = attributes & 0x07;
  const payload = decompress(compression, r.view(r.remaining()));
  const pr = new Reader(payload);
  const records: KafkaRecord[] = [];
  if (count < 0) throw new RecordBatchError(`negative record count`, 2);
  for (let i = 0; i < count; i++) records.push(decodeRecord(pr, baseOffset, baseTimestamp));
  if (pr.remaining() !== 0) throw new RecordBatchError(`${pr.remaining()} trailing bytes after records`, 2);
  return {
    batch: {
      baseOffset,
      partitionLeaderEpoch,
      attributes,
      compression,
      isTransactional: (attributes & 0x10) !== 0,
      isControl: (attributes & 0x20) !== 0,
      lastOffsetDelta,
      baseTimestamp,
      maxTimestamp,
      producerId,
      producerEpoch,
      baseSequence,
      records,
      raw: Buffer.from(buf.subarray(start, end)),
    },
    size: end - start,
  };
}

/** Decode every batch in a produce/fetch `records` blob. */
export function decodeRecordBatches(buf: Buffer): DecodedBatch[] {
  const out: DecodedBatch[] = [];
  let pos = 0;
  while (pos < buf.length) {
    if (buf.length - pos < LENGTH_FIELDS_SIZE) throw new RecordBatchError("trailing partial batch", 2);
    const { batch, size } = decodeRecordBatch(buf, pos);
    out.push(batch);
    pos += size;
  }
  return out;
}

/** Rewrite the base offset (and leader epoch) of a stored batch; both lie outside the CRC. */
export function assignBaseOffset(raw: Buffer, baseOffset: number, leaderEpoch = 0): void {
  raw.writeBigInt64BE(BigInt(baseOffset), 0);
  raw.writeInt32BE(leaderEpoch, LENGTH_FIELDS_SIZE);
}

export interface RecordInput {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, Buffer | string | null>;
  timestamp?: number;
}

const toBuf = (v: Buffer | string | null | undefined): Buffer | null =>
  v == null ? null : Buffer.isBuffer(v) ? v : Buffer.from(v, "utf8");

/**
 * Encode records into one v2 batch (used by unit tests and broker-side helpers).
 * Non-idempotent producer fields (producerId -1 etc.), CreateTime timestamps.
 */
export function encodeRecordBatch(
  records: RecordInput[],
  opts: { baseOffset?: number; compression?: number; now?: number } = {},
): Buffer {
  const now = opts.now ?? Date.now();
  const timestamps = records.map((r) => r.timestamp ?? now);
  const baseTimestamp = timestamps.length ? Math.min(...timestamps) : now;
  const maxTimestamp = timestamps.length ? Math.max(...timestamps) : now;
  const body = new Writer();
  records.forEach((rec, i) => {
    const w = new Writer();
    w.int8(0).varlong((timestamps[i] as number) - baseTimestamp).varint(i);
    const key = toBuf(rec.key);
    const value = toBuf(rec.value);
    if (key) w.varint(key.length).raw(key);
    else w.varint(-1);
    if (value) w.varint(value.length).raw(value);
    else w.varint(-1);
    const headers = Object.entries(rec.headers ?? {});
    w.varint(headers.length);
    for (const [hk, hv] of headers) {
      const k = Buffer.from(hk, "utf8");
      w.varint(k.length).raw(k);
      const v = toBuf(hv);
      if (v) w.varint(v.length).raw(v);
      else w.varint(-1);
    }
    body.varint(w.length).raw(w.toBuffer());
  });
  const compression = opts.compression ?? Compression.NONE;
  let payload = body.toBuffer();
  if (compression === Compression.GZIP) payload = gzipSync(payload);
  else if (compression !== Compression.NONE) throw new Error(`cannot encode compression ${compression}`);

  const w = new Writer(BATCH_HEADER_SIZE + payload.length);
  w.int64(opts.baseOffset ?? 0)
    .int32(0) // batchLength, patched below
    .int32(0) // partitionLeaderEpoch
    .int8(2) // magic
    .uint32(0) // crc, patched below
    .int16(compression)
    .int32(Math.max(0, records.length - 1))
    .int64(baseTimestamp)
    .int64(maxTimestamp)
    .int64(-1) // producerId
    .int16(-1) // producerEpoch
    .int32(-1) // baseSequence
    .int32(records.length)
    .raw(payload);
  const out = Buffer.from(w.toBuffer());
  out.writeInt32BE(out.length - LENGTH_FIELDS_SIZE, 8);
  out.writeUInt32BE(crc32c(out, ATTRIBUTES_OFFSET), CRC_OFFSET);
  return out;
}
