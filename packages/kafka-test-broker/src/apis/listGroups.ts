/** ListGroups (key 16), v0–v2 — kafkajs admin.listGroups. */
import { ApiKey } from "../protocol/apiKeys";
import { ErrorCode } from "../protocol/errors";
import { Writer } from "../protocol/writer";
import type { ApiHandler } from "./types";

export const listGroupsHandler: ApiHandler = {
  key: ApiKey.ListGroups,
  name: "ListGroups",
  minVersion: 0,
  maxVersion: 2,
  handle(_req, ctx) {
    const groups = ctx.broker.groups;
    const w = new Writer();
    if (ctx.apiVersion >= 1) w.int32(0);
    w.int16(ErrorCode.NONE);
    w.array(groups.groupIds(), (w, id) => w.string(id).string(groups.describe(id)?.protocolType || "consumer"));
    return w;
  },
};
