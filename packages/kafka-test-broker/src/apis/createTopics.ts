/**
 * CreateTopics (key 19), v0–v3. Single node, so replication factor must be 1 or -1 (default).
 * num_partitions -1 means the broker default; explicit replica assignments define the count.
 */
import { isValidTopicName } from "../log/logStore";
import { ApiKey } from "../protocol/apiKeys";
import { ErrorCode } from "../protocol/errors";
import { Writer } from "../protocol/writer";
import type { ApiHandler } from "./types";

export const createTopicsHandler: ApiHandler = {
  key: ApiKey.CreateTopics,
  name: "CreateTopics",
  minVersion: 0,
  maxVersion: 3,
  handle(req, ctx) {
    const v = ctx.apiVersion;
    const b = ctx.broker;
    const topics = req.array((r) => ({
      name: r.string(),
      numPartitions: r.int32(),
      replicationFactor: r.int16(),
      assignments: r.array((r) => ({ partition: r.int32(), brokers: r.array((r) => r.int32()) })),
      configs: r.array((r) => [r.string(), r.nullableString()] as const),
    }));
    req.int32(); // timeout_ms: creation is synchronous here
    const validateOnly = v >= 1 ? req.bool() : false;

    const seen = new Set<string>();
    const results = topics.map((t) => {
      const fail = (errorCode: number, message: string) => ({ name: t.name, errorCode, message });
      if (seen.has(t.name)) return fail(ErrorCode.INVALID_REQUEST, "duplicate topic in request");
      seen.add(t.name);
      if (!isValidTopicName(t.name)) return fail(ErrorCode.INVALID_TOPIC_EXCEPTION, `invalid topic name '${t.name}'`);
      if (b.store.get(t.name)) return fail(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${t.name}' already exists.`);
      const count = t.assignments.length > 0 ? t.assignments.length : t.numPartitions === -1 ? b.defaultPartitions : t.numPartitions;
      if (count <= 0) return fail(ErrorCode.INVALID_PARTITIONS, "Number of partitions must be larger than 0.");
      if (t.assignments.length === 0 && t.replicationFactor !== -1 && t.replicationFactor !== 1) {
        return fail(ErrorCode.INVALID_REPLICATION_FACTOR, `Replication factor ${t.replicationFactor} larger than available brokers: 1.`);
      }
      if (!validateOnly) {
        b.store.create(t.name, count, Object.fromEntries(t.configs));
        b.log("info", `created topic ${t.name} with ${count} partition(s)`);
      }
      return { name: t.name, errorCode: ErrorCode.NONE, message: null as string | null };
    });

    const w = new Writer();
    if (v >= 2) w.int32(0);
    w.array(results, (w, r) => {
      w.string(r.name).int16(r.errorCode);
      if (v >= 1) w.nullableString(r.errorCode ? r.message : null);
    });
    return w;
  },
};
