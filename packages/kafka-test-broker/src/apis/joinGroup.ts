/**
 * JoinGroup (key 11), v0–v5. The response is deferred until the group coordinator completes the
 * rebalance; the connection stays busy meanwhile (as on Kafka), which is why kafkajs sends it on
 * its main connection and Fetch on a separate one.
 */
import { ApiKey } from "../protocol/apiKeys";
import { Writer } from "../protocol/writer";
import type { ApiHandler } from "./types";

export const joinGroupHandler: ApiHandler = {
  key: ApiKey.JoinGroup,
  name: "JoinGroup",
  minVersion: 0,
  maxVersion: 5,
  async handle(req, ctx) {
    const v = ctx.apiVersion;
    const groupId = req.string();
    const sessionTimeoutMs = req.int32();
    const rebalanceTimeoutMs = v >= 1 ? req.int32() : sessionTimeoutMs;
    const memberId = req.string();
    const groupInstanceId = v >= 5 ? req.nullableString() : null;
    const protocolType = req.string();
    const protocols = req.array((r) => ({ name: r.string(), metadata: r.bytes() }));

    const res = await ctx.broker.groups.join({
      groupId,
      sessionTimeoutMs,
      rebalanceTimeoutMs,
      memberId,
      groupInstanceId,
      protocolType,
      protocols,
      clientId: ctx.clientId,
      clientHost: ctx.clientHost,
      requireKnownMemberId: v >= 4,
    });

    const w = new Writer();
    if (v >= 2) w.int32(0);
    w.int16(res.errorCode).int32(res.generationId).string(res.protocolName).string(res.leader).string(res.memberId);
    w.array(res.members, (w, m) => {
      w.string(m.memberId);
      if (v >= 5) w.nullableString(m.groupInstanceId);
      w.bytes(m.metadata);
    });
    return w;
  },
};
