/**
 * OffsetCommit (key 8), v0–v5. Commits are fenced by generation and member id so a zombie member
 * from an old generation cannot overwrite progress made after a rebalance.
 */
import { ApiKey } from "../protocol/apiKeys";
import { ErrorCode } from "../protocol/errors";
import { Writer } from "../protocol/writer";
import type { ApiHandler } from "./types";

export const offsetCommitHandler: ApiHandler = {
  key: ApiKey.OffsetCommit,
  name: "OffsetCommit",
  minVersion: 0,
  maxVersion: 5,
  handle(req, ctx) {
    const v = ctx.apiVersion;
    const b = ctx.broker;
    const groupId = req.string();
    const generationId = v >= 1 ? req.int32() : -1;
    const memberId = v >= 1 ? req.string() : "";
    if (v >= 2 && v <= 4) req.int64(); // retention_time_ms: offsets never expire here
    const topics = req.array((r) => ({
      name: r.string(),
      partitions: r.array((r) => {
        const partition = r.int32();
        const offset = r.int64n();
        if (v === 1) r.int64(); // commit_timestamp
        return { partition, offset, metadata: r.nullableString() };
      }),
    }));

    const groupError = groupId ? b.groups.validateCommit(groupId, generationId, memberId) : ErrorCode.INVALID_GROUP_ID;
    const w = new Writer();
    if (v >= 3) w.int32(0);
    w.array(topics, (w, t) => {
      w.string(t.name).array(t.partitions, (w, p) => {
        let errorCode: number = groupError;
        if (errorCode === ErrorCode.NONE && !b.store.partition(t.name, p.partition)) {
          errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        }
        if (errorCode === ErrorCode.NONE) {
          b.groups.commitOffset(groupId, t.name, p.partition, { offset: p.offset, metadata: p.metadata });
        }
        w.int32(p.partition).int16(errorCode);
      });
    });
    return w;
  },
};
