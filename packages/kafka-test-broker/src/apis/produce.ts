/**
 * Produce (key 0), v3–v7: the record-batch (magic v2) versions. Each partition's records blob is
 * decoded (CRC-32C, magic, record framing, gzip) before anything is appended, so a corrupt batch
 * is refused whole with CORRUPT_MESSAGE instead of poisoning the log. acks=0 → no response at all.
 * Transactional batches are refused: this broker implements no transaction coordinator.
 */
import { ApiKey } from "../protocol/apiKeys";
import { ErrorCode } from "../protocol/errors";
import { ProtocolError } from "../protocol/reader";
import { Writer } from "../protocol/writer";
import { decodeRecordBatches, RecordBatchError } from "../records/recordBatch";
import type { ApiHandler } from "./types";

interface PartitionResult {
  index: number;
  errorCode: number;
  baseOffset: number;
}

export const produceHandler: ApiHandler = {
  key: ApiKey.Produce,
  name: "Produce",
  minVersion: 3,
  maxVersion: 7,
  handle(req, ctx) {
    const v = ctx.apiVersion;
    const b = ctx.broker;
    const transactionalId = req.nullableString();
    const acks = req.int16();
    req.int32(); // timeout_ms: single replica, so acks=-1 is satisfied on append
    const topics = req.array((r) => ({
      name: r.string(),
      partitions: r.array((r) => ({ index: r.int32(), records: r.nullableBytes() })),
    }));

    const results = topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p): PartitionResult => {
        const fail = (errorCode: number): PartitionResult => ({ index: p.index, errorCode, baseOffset: -1 });
        if (acks !== 0 && acks !== 1 && acks !== -1) return fail(ErrorCode.INVALID_REQUEST);
        let log = b.store.partition(t.name, p.index);
        if (!log && !b.store.get(t.name) && b.autoCreateTopics && p.index < b.defaultPartitions) {
          // Kafka auto-creates on Metadata, not Produce; but a client that skips metadata still expects
          // its first send to land when auto-create is on, so be forgiving here.
          log = b.store.create(t.name, b.defaultPartitions).partitions[p.index];
        }
        if (!log) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        if (!p.records || p.records.length === 0) return fail(ErrorCode.CORRUPT_MESSAGE);
        try {
          const batches = decodeRecordBatches(p.records);
          if (transactionalId !== null || batches.some((x) => x.isTransactional || x.isControl)) {
            return fail(ErrorCode.INVALID_RECORD);
          }
          for (const x of batches) {
            if (x.records.length === 0 || x.lastOffsetDelta !== x.records.length - 1) {
              b.log("warn", `produce to ${t.name}-${p.index}: batch offset deltas inconsistent with record count`);
              return fail(ErrorCode.INVALID_RECORD);
            }
          }
          return { index: p.index, errorCode: ErrorCode.NONE, baseOffset: log.append(batches) };
        } catch (e) {
          if (e instanceof RecordBatchError) {
            b.log("warn", `produce to ${t.name}-${p.index} rejected: ${e.message}`);
            return fail(e.code);
          }
          if (e instanceof ProtocolError || (e as { code?: string }).code?.startsWith("Z_")) {
            b.log("warn", `produce to ${t.name}-${p.index} rejected: ${(e as Error).message}`);
            return fail(ErrorCode.CORRUPT_MESSAGE);
          }
          throw e;
        }
      }),
    }));

    if (acks === 0) return null;
    const w = new Writer();
    w.array(results, (w, t) => {
      w.string(t.name).array(t.partitions, (w, p) => {
        w.int32(p.index).int16(p.errorCode).int64(p.baseOffset);
        w.int64(-1); // log_append_time_ms: -1 = CreateTime topics
        if (v >= 5) w.int64(0); // log_start_offset
      });
    });
    w.int32(0); // throttle_time_ms
    return w;
  },
};
