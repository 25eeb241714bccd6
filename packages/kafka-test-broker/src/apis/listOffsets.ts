/**
 * ListOffsets (key 2), v1–v3. timestamp -1 = latest (high watermark), -2 = earliest (0);
 * otherwise the first offset whose record timestamp ≥ the given time (offset -1 if none).
 */
import { ApiKey } from "../protocol/apiKeys";
import { ErrorCode } from "../protocol/errors";
import { Writer } from "../protocol/writer";
import type { ApiHandler } from "./types";

const LATEST = -1;
const EARLIEST = -2;

export const listOffsetsHandler: ApiHandler = {
  key: ApiKey.ListOffsets,
  name: "ListOffsets",
  minVersion: 1,
  maxVersion: 3,
  handle(req, ctx) {
    const v = ctx.apiVersion;
    const b = ctx.broker;
    req.int32(); // replica_id
    if (v >= 2) req.int8(); // isolation_level
    const topics = req.array((r) => ({
      name: r.string(),
      partitions: r.array((r) => ({ partition: r.int32(), timestamp: r.int64n() })),
    }));
    const w = new Writer();
    if (v >= 2) w.int32(0);
    w.array(topics, (w, t) => {
      w.string(t.name).array(t.partitions, (w, p) => {
        const log = b.store.partition(t.name, p.partition);
        let res = { errorCode: ErrorCode.NONE as number, timestamp: -1, offset: -1 };
        if (!log) res = { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, timestamp: -1, offset: -1 };
        else if (p.timestamp === LATEST) res.offset = log.highWatermark;
        else if (p.timestamp === EARLIEST) res.offset = log.logStartOffset;
        else {
          const hit = log.offsetForTimestamp(p.timestamp);
          if (hit) res = { errorCode: ErrorCode.NONE, ...hit };
        }
        w.int32(p.partition).int16(res.errorCode).int64(res.timestamp).int64(res.offset);
      });
    });
    return w;
  },
};
