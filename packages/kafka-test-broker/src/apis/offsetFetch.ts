/**
 * OffsetFetch (key 9), v1–v4 (v0 read ZooKeeper-stored offsets, irrelevant here). Partitions with
 * no commit answer offset -1, which clients treat as "apply auto.offset.reset".
 * v2+: a null topic list means "every partition this group has committed".
 */
import { ApiKey } from "../protocol/apiKeys";
import { ErrorCode } from "../protocol/errors";
import { Writer } from "../protocol/writer";
import type { ApiHandler } from "./types";

export const offsetFetchHandler: ApiHandler = {
  key: ApiKey.OffsetFetch,
  name: "OffsetFetch",
  minVersion: 1,
  maxVersion: 4,
  handle(req, ctx) {
    const v = ctx.apiVersion;
    const groups = ctx.broker.groups;
    const groupId = req.string();
    const requested = req.nullableArray((r) => ({ name: r.string(), partitions: r.array((r) => r.int32()) }));

    let topics: { name: string; partitions: { partition: number; offset: number; metadata: string | null }[] }[];
    if (requested === null) {
      const byTopic = new Map<string, { partition: number; offset: number; metadata: string | null }[]>();
      for (const c of groups.committedOffsets(groupId)) {
        const list = byTopic.get(c.topic) ?? [];
        list.push(c);
        byTopic.set(c.topic, list);
      }
      topics = [...byTopic].map(([name, partitions]) => ({ name, partitions }));
    } else {
      topics = requested.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((partition) => {
          const c = groups.committedOffset(groupId, t.name, partition);
          return { partition, offset: c?.offset ?? -1, metadata: c ? c.metadata : "" };
        }),
      }));
    }

    const w = new Writer();
    if (v >= 3) w.int32(0);
    w.array(topics, (w, t) => {
      w.string(t.name).array(t.partitions, (w, p) => {
        w.int32(p.partition).int64(p.offset).nullableString(p.metadata).int16(ErrorCode.NONE);
      });
    });
    if (v >= 2) w.int16(ErrorCode.NONE);
    return w;
  },
};
