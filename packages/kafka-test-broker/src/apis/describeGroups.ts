/** DescribeGroups (key 15), v0–v2 — kafkajs admin.describeGroups / consumer.describeGroup. */
import { ApiKey } from "../protocol/apiKeys";
import { ErrorCode } from "../protocol/errors";
import { Writer } from "../protocol/writer";
import type { ApiHandler } from "./types";

export const describeGroupsHandler: ApiHandler = {
  key: ApiKey.DescribeGroups,
  name: "DescribeGroups",
  minVersion: 0,
  maxVersion: 2,
  handle(req, ctx) {
    const ids = req.array((r) => r.string());
    const w = new Writer();
    if (ctx.apiVersion >= 1) w.int32(0);
    w.array(ids, (w, id) => {
      // Unknown groups are reported as "Dead" with no error, like Kafka.
      const g = ctx.broker.groups.describe(id) ?? { state: "Dead", protocolType: "", protocol: "", members: [] };
      w.int16(ErrorCode.NONE).string(id).string(g.state).string(g.protocolType).string(g.protocol);
      w.array(g.members, (w, m) => {
        w.string(m.memberId).string(m.clientId).string(m.clientHost).bytes(m.metadata).bytes(m.assignment);
      });
    });
    return w;
  },
};
