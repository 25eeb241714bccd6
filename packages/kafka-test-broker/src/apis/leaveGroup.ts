/** LeaveGroup (key 13), v0–v3 (v3 = batched members, KIP-345). Leaving triggers an immediate rebalance. */
import { ApiKey } from "../protocol/apiKeys";
import { ErrorCode } from "../protocol/errors";
import { Writer } from "../protocol/writer";
import type { ApiHandler } from "./types";

export const leaveGroupHandler: ApiHandler = {
  key: ApiKey.LeaveGroup,
  name: "LeaveGroup",
  minVersion: 0,
  maxVersion: 3,
  handle(req, ctx) {
    const v = ctx.apiVersion;
    const groupId = req.string();
    const members =
      v >= 3
        ? req.array((r) => {
            const memberId = r.string();
            return { memberId, groupInstanceId: r.nullableString() };
          })
        : [{ memberId: req.string(), groupInstanceId: null }];
    const results = ctx.broker.groups.leave(
      groupId,
      members.map((m) => m.memberId),
    );
    const w = new Writer();
    if (v >= 1) w.int32(0);
    if (v < 3) return w.int16(results[0]?.errorCode ?? ErrorCode.NONE);
    w.int16(ErrorCode.NONE);
    w.array(results, (w, r) => {
      w.string(r.memberId).nullableString(members.find((m) => m.memberId === r.memberId)?.groupInstanceId ?? null);
      w.int16(r.errorCode);
    });
    return w;
  },
};
