/** DeleteTopics (key 20), v0–v1 — kafkajs admin.deleteTopics; also drops committed offsets for the topic. */
import { ApiKey } from "../protocol/apiKeys";
import { ErrorCode } from "../protocol/errors";
import { Writer } from "../protocol/writer";
import type { ApiHandler } from "./types";

export const deleteTopicsHandler: ApiHandler = {
  key: ApiKey.DeleteTopics,
  name: "DeleteTopics",
  minVersion: 0,
  maxVersion: 1,
  handle(req, ctx) {
    const names = req.array((r) => r.string());
    req.int32(); // timeout_ms
    const b = ctx.broker;
    const results = names.map((name) => {
      if (!b.store.delete(name)) return { name, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
      b.groups.deleteTopicOffsets(name);
      b.log("info", `deleted topic ${name}`);
      return { name, errorCode: ErrorCode.NONE };
    });
    const w = new Writer();
    if (ctx.apiVersion >= 1) w.int32(0);
    w.array(results, (w, r) => w.string(r.name).int16(r.errorCode));
    return w;
  },
};
