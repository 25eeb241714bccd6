/** Heartbeat (key 12), v0–v3. REBALANCE_IN_PROGRESS is how members learn they must rejoin. */
import { ApiKey } from "../protocol/apiKeys";
import { Writer } from "../protocol/writer";
import type { ApiHandler } from "./types";

export const heartbeatHandler: ApiHandler = {
  key: ApiKey.Heartbeat,
  name: "Heartbeat",
  minVersion: 0,
  maxVersion: 3,
  handle(req, ctx) {
    const v = ctx.apiVersion;
    const groupId = req.string();
    const generationId = req.int32();
    const memberId = req.string();
    if (v >= 3) req.nullableString(); // group_instance_id
    const errorCode = ctx.broker.groups.heartbeat(groupId, generationId, memberId);
    const w = new Writer();
    if (v >= 1) w.int32(0);
    return w.int16(errorCode);
  },
};
