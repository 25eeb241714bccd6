/**
 * Metadata (key 3), v0–v6. This node is every partition's leader, sole replica and ISR.
 * v1+: null topic array = all topics (v0: empty = all). v4+: allow_auto_topic_creation.
 */
import { isValidTopicName } from "../log/logStore";
import { ApiKey } from "../protocol/apiKeys";
import { ErrorCode } from "../protocol/errors";
import { Writer } from "../protocol/writer";
import type { ApiHandler } from "./types";

export const metadataHandler: ApiHandler = {
  key: ApiKey.Metadata,
  name: "Metadata",
  minVersion: 0,
  maxVersion: 6,
  handle(req, ctx) {
    const v = ctx.apiVersion;
    const b = ctx.broker;
    let names = req.nullableArray((r) => r.string());
    const allowAutoCreate = v >= 4 ? req.bool() : true;
    if (v === 0 && names?.length === 0) names = null;

    const topics: { errorCode: number; name: string; partitions: number }[] = [];
    if (names === null) {
      for (const t of b.store.all()) topics.push({ errorCode: 0, name: t.name, partitions: t.partitions.length });
    } else {
      for (const name of names) {
        let t = b.store.get(name);
        if (!t && !isValidTopicName(name)) {
          topics.push({ errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, name, partitions: 0 });
          continue;
        }
        if (!t && allowAutoCreate && b.autoCreateTopics) {
          // Kafka answers LEADER_NOT_AVAILABLE on the creating request; we're synchronous, so the
          // topic is ready at once and we can return it directly.
          t = b.store.create(name, b.defaultPartitions);
          b.log("info", `auto-created topic ${name} with ${b.defaultPartitions} partition(s)`);
        }
        topics.push(
          t
            ? { errorCode: 0, name, partitions: t.partitions.length }
            : { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, name, partitions: 0 },
        );
      }
    }

    const w = new Writer();
    if (v >= 3) w.int32(0); // throttle_time_ms
    w.array([b.nodeId], (w, id) => {
      w.int32(id).string(b.host).int32(b.port);
      if (v >= 1) w.nullableString(null); // rack
    });
    if (v >= 2) w.nullableString(b.clusterId);
    if (v >= 1) w.int32(b.nodeId); // controller_id
    w.array(topics, (w, t) => {
      w.int16(t.errorCode).string(t.name);
      if (v >= 1) w.bool(false); // is_internal
      w.array(
        Array.from({ length: t.partitions }, (_, i) => i),
        (w, p) => {
          w.int16(0).int32(p).int32(b.nodeId);
          w.array([b.nodeId], (w, n) => w.int32(n)); // replicas
          w.array([b.nodeId], (w, n) => w.int32(n)); // isr
          if (v >= 5) w.array([], () => {}); // offline_replicas
        },
      );
    });
    return w;
  },
};
