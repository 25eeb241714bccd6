/**
 * Fetch (key 1), v4–v11. Honours max_wait_ms / min_bytes as a long-poll: if too little data is
 * available the request is parked on the partitions' append listeners and answered as soon as a
 * produce lands or the wait expires, so consumers get low latency without spinning.
 *
 * Fetch sessions (KIP-227, v7+) are not implemented: we always answer session_id 0, which tells
 * the client to keep sending full fetch requests — explicitly allowed by the protocol.
 */
import type { PartitionLog } from "../log/partitionLog";
import { ApiKey } from "../protocol/apiKeys";
import { ErrorCode } from "../protocol/errors";
import type { Reader } from "../protocol/reader";
import { Writer } from "../protocol/writer";
import type { ApiHandler, BrokerContext } from "./types";

interface FetchPartition {
  partition: number;
  fetchOffset: number;
  maxBytes: number;
}
interface FetchRequest {
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  topics: { name: string; partitions: FetchPartition[] }[];
}

function decode(req: Reader, v: number): FetchRequest {
  req.int32(); // replica_id (-1 for consumers)
  const maxWaitMs = req.int32();
  const minBytes = req.int32();
  const maxBytes = req.int32(); // v3+
  req.int8(); // isolation_level: no transactions here, so committed == all
  if (v >= 7) {
    req.int32(); // session_id
    req.int32(); // session_epoch
  }
  const topics = req.array((r) => ({
    name: r.string(),
    partitions: r.array((r) => {
      const partition = r.int32();
      if (v >= 9) r.int32(); // current_leader_epoch
      const fetchOffset = r.int64n();
      if (v >= 5) r.int64(); // log_start_offset (followers only)
      return { partition, fetchOffset, maxBytes: r.int32() };
    }),
  }));
  if (v >= 7) req.array((r) => ({ name: r.string(), partitions: r.array((r) => r.int32()) })); // forgotten_topics_data
  if (v >= 11) req.nullableString(); // rack_id
  return { maxWaitMs, minBytes, maxBytes, topics };
}

interface PartitionData {
  partition: number;
  errorCode: number;
  highWatermark: number;
  batches: Buffer[];
}

/** Read every requested partition now. */
function collect(b: BrokerContext, f: FetchRequest): { topics: { name: string; partitions: PartitionData[] }[]; bytes: number; hasError: boolean } {
  let budget = Math.max(0, f.maxBytes);
  let bytes = 0;
  let hasError = false;
  const topics = f.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p): PartitionData => {
      const log = b.store.partition(t.name, p.partition);
      if (!log) {
        hasError = true;
        return { partition: p.partition, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, highWatermark: -1, batches: [] };
      }
      if (p.fetchOffset < log.logStartOffset || p.fetchOffset > log.highWatermark) {
        hasError = true;
        return { partition: p.partition, errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, highWatermark: log.highWatermark, batches: [] };
      }
      // The first non-empty partition may exceed the limits (KIP-74) so progress is always possible.
      const batches = log.read(p.fetchOffset, Math.min(p.maxBytes, budget), bytes === 0);
      const size = batches.reduce((n, x) => n + x.length, 0);
      bytes += size;
      budget = Math.max(0, budget - size);
      return { partition: p.partition, errorCode: ErrorCode.NONE, highWatermark: log.highWatermark, batches };
    }),
  }));
  return { topics, bytes, hasError };
}

function encode(v: number, topics: { name: string; partitions: PartitionData[] }[]): Writer {
  const w = new Writer();
  w.int32(0); // throttle_time_ms
  if (v >= 7) w.int16(ErrorCode.NONE).int32(0); // error_code, session_id (0 = no session)
  w.array(topics, (w, t) => {
    w.string(t.name).array(t.partitions, (w, p) => {
      w.int32(p.partition).int16(p.errorCode).int64(p.highWatermark);
      w.int64(p.highWatermark); // last_stable_offset: no open transactions ever
      if (v >= 5) w.int64(0); // log_start_offset
      w.array([], () => {}); // aborted_transactions
      if (v >= 11) w.int32(-1); // preferred_read_replica
      const size = p.batches.reduce((n, x) => n + x.length, 0);
      w.int32(size);
      for (const x of p.batches) w.raw(x);
    });
  });
  return w;
}

export const fetchHandler: ApiHandler = {
  key: ApiKey.Fetch,
  name: "Fetch",
  minVersion: 4,
  maxVersion: 11,
  handle(req, ctx) {
    const v = ctx.apiVersion;
    const b = ctx.broker;
    const f = decode(req, v);
    const now = collect(b, f);
    if (now.bytes >= f.minBytes || now.hasError || f.maxWaitMs <= 0 || b.isClosed()) {
      return encode(v, now.topics);
    }

    const logs = f.topics
      .flatMap((t) => t.partitions.map((p) => b.store.partition(t.name, p.partition)))
      .filter((l): l is PartitionLog => l !== undefined);
    return new Promise<Writer>((resolve) => {
      let done = false;
      const unsubs: (() => void)[] = [];
      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        for (const u of unsubs) u();
        resolve(encode(v, collect(b, f).topics));
      };
      const timer = setTimeout(finish, f.maxWaitMs);
      unsubs.push(b.onClose(finish));
      for (const log of logs) {
        unsubs.push(
          log.onAppend(() => {
            // Re-check min_bytes: with minBytes > 1 a single small append may not be enough yet.
            const c = collect(b, f);
            if (c.bytes >= f.minBytes || c.hasError) finish();
          }),
        );
      }
    });
  },
};
