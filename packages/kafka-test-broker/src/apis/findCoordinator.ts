/** FindCoordinator (key 10), v0–v2. A single node coordinates every group (and would every transaction). */
import { ApiKey } from "../protocol/apiKeys";
import { Writer } from "../protocol/writer";
import type { ApiHandler } from "./types";

export const findCoordinatorHandler: ApiHandler = {
  key: ApiKey.FindCoordinator,
  name: "FindCoordinator",
  minVersion: 0,
  maxVersion: 2,
  handle(req, ctx) {
    const v = ctx.apiVersion;
    req.string(); // key (group id)
    if (v >= 1) req.int8(); // key_type
    const b = ctx.broker;
    const w = new Writer();
    if (v >= 1) w.int32(0);
    w.int16(0);
    if (v >= 1) w.nullableString(null); // error_message
    return w.int32(b.nodeId).string(b.host).int32(b.port);
  },
};
