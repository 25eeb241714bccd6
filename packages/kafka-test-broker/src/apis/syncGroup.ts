/** SyncGroup (key 14), v0–v3. Followers wait here until the leader delivers the assignment. */
import { ApiKey } from "../protocol/apiKeys";
import { Writer } from "../protocol/writer";
import type { ApiHandler } from "./types";

export const syncGroupHandler: ApiHandler = {
  key: ApiKey.SyncGroup,
  name: "SyncGroup",
  minVersion: 0,
  maxVersion: 3,
  async handle(req, ctx) {
    const v = ctx.apiVersion;
    const groupId = req.string();
    const generationId = req.int32();
    const memberId = req.string();
    if (v >= 3) req.nullableString(); // group_instance_id (static membership not implemented)
    const assignments = req.array((r) => ({ memberId: r.string(), assignment: r.bytes() }));
    const res = await ctx.broker.groups.sync({ groupId, generationId, memberId, assignments });
    const w = new Writer();
    if (v >= 1) w.int32(0);
    return w.int16(res.errorCode).bytes(res.assignment);
  },
};
