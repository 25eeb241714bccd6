/** Group coordinator state machine, driven directly with short real timeouts. */
import { GroupCoordinator, type JoinRequest } from "../src/group/groupCoordinator";
import { ErrorCode } from "../src/protocol/errors";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let gc: GroupCoordinator;
beforeEach(() => {
  gc = new GroupCoordinator();
});
afterEach(() => gc.close());

const req = (over: Partial<JoinRequest> = {}): JoinRequest => ({
  groupId: "g",
  sessionTimeoutMs: 300,
  rebalanceTimeoutMs: 400,
  memberId: "",
  groupInstanceId: null,
  protocolType: "consumer",
  protocols: [{ name: "RoundRobinAssigner", metadata: Buffer.from("m") }],
  clientId: "c",
  clientHost: "/127.0.0.1",
  requireKnownMemberId: true,
  ...over,
});

/** v4+ two-step join: MEMBER_ID_REQUIRED, then join with the handed-out id. */
async function joinNew(over: Partial<JoinRequest> = {}) {
  const first = await gc.join(req(over));
  expect(first.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
  return gc.join(req({ ...over, memberId: first.memberId }));
}

test("join → sync → stable; a second member triggers a rebalance and gets the leader's assignment", async () => {
  const a = await joinNew();
  expect(a).toMatchObject({ errorCode: 0, generationId: 1, leader: a.memberId, protocolName: "RoundRobinAssigner" });
  expect(a.members.map((m) => m.memberId)).toEqual([a.memberId]);
  expect(await gc.sync({ groupId: "g", generationId: 1, memberId: a.memberId, assignments: [{ memberId: a.memberId, assignment: Buffer.from("all") }] })).toEqual({
    errorCode: 0,
    assignment: Buffer.from("all"),
  });

  const bJoin = joinNew({ clientId: "b" }); // parked until a rejoins
  await sleep(10);
  expect(gc.heartbeat("g", 1, a.memberId)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
  const a2 = await gc.join(req({ memberId: a.memberId }));
  const b = await bJoin;
  expect(a2.generationId).toBe(2);
  expect(b.generationId).toBe(2);
  expect(a2.leader).toBe(a.memberId); // leadership is sticky
  expect(a2.members).toHaveLength(2);
  expect(b.members).toHaveLength(0); // only the leader sees the member list

  const bSync = gc.sync({ groupId: "g", generationId: 2, memberId: b.memberId, assignments: [] }); // waits for leader
  const aSync = await gc.sync({
    groupId: "g",
    generationId: 2,
    memberId: a.memberId,
    assignments: [
      { memberId: a.memberId, assignment: Buffer.from("p0") },
      { memberId: b.memberId, assignment: Buffer.from("p1") },
    ],
  });
  expect(aSync.assignment.toString()).toBe("p0");
  expect((await bSync).assignment.toString()).toBe("p1");
  expect(gc.heartbeat("g", 2, b.memberId)).toBe(0);
  expect(gc.heartbeat("g", 1, b.memberId)).toBe(ErrorCode.ILLEGAL_GENERATION);
  expect(gc.validateCommit("g", 1, a.memberId)).toBe(ErrorCode.ILLEGAL_GENERATION); // zombie commit fenced
  expect(gc.validateCommit("g", 2, a.memberId)).toBe(0);
  expect(gc.describe("g")?.state).toBe("Stable");
});

test("a member that stops heartbeating is evicted after its session timeout", async () => {
  const a = await joinNew();
  await gc.sync({ groupId: "g", generationId: 1, memberId: a.memberId, assignments: [] });
  const bJoin = joinNew({ clientId: "b" });
  await sleep(10);
  const a2 = await gc.join(req({ memberId: a.memberId }));
  const b = await bJoin;
  await Promise.all([
    gc.sync({ groupId: "g", generationId: 2, memberId: a.memberId, assignments: [] }),
    gc.sync({ groupId: "g", generationId: 2, memberId: b.memberId, assignments: [] }),
  ]);
  expect(a2.generationId).toBe(2);

  // Only b heartbeats; a goes silent and must be removed after ~300ms.
  const deadline = Date.now() + 700;
  let sawRebalance = false;
  while (Date.now() < deadline) {
    if (gc.heartbeat("g", 2, b.memberId) === ErrorCode.REBALANCE_IN_PROGRESS) {
      sawRebalance = true;
      break;
    }
    await sleep(50);
  }
  expect(sawRebalance).toBe(true);
  const b2 = await gc.join(req({ memberId: b.memberId }));
  expect(b2).toMatchObject({ errorCode: 0, generationId: 3, leader: b.memberId });
  expect(b2.members.map((m) => m.memberId)).toEqual([b.memberId]);
  expect(gc.heartbeat("g", 3, a.memberId)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
});

test("members that keep heartbeating but don't rejoin are dropped at the rebalance timeout", async () => {
  const a = await joinNew({ rebalanceTimeoutMs: 600 });
  await gc.sync({ groupId: "g", generationId: 1, memberId: a.memberId, assignments: [] });
  // a stays alive (heartbeats answer REBALANCE_IN_PROGRESS) but ignores the hint to rejoin,
  // so only the 600ms rebalance timeout — not the 300ms session timeout — can complete the join.
  const keepAlive = setInterval(() => gc.heartbeat("g", 1, a.memberId), 50);
  try {
    const started = Date.now();
    const b = await joinNew({ clientId: "b", rebalanceTimeoutMs: 600 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    expect(b).toMatchObject({ errorCode: 0, generationId: 2, leader: b.memberId });
    expect(b.members).toHaveLength(1);
  } finally {
    clearInterval(keepAlive);
  }
});

test("leaving as the last member empties the group; simple commits are allowed only when empty", async () => {
  const a = await joinNew();
  expect(gc.validateCommit("g", -1, "")).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  expect(gc.leave("g", [a.memberId, "ghost"])).toEqual([
    { memberId: a.memberId, errorCode: 0 },
    { memberId: "ghost", errorCode: ErrorCode.UNKNOWN_MEMBER_ID },
  ]);
  expect(gc.describe("g")?.state).toBe("Empty");
  expect(gc.validateCommit("g", -1, "")).toBe(0);
});

test("inconsistent protocols and bad session timeouts are rejected", async () => {
  await joinNew();
  expect((await gc.join(req({ protocols: [{ name: "Other", metadata: Buffer.alloc(0) }] }))).errorCode).toBe(
    ErrorCode.INCONSISTENT_GROUP_PROTOCOL,
  );
  expect((await gc.join(req({ sessionTimeoutMs: 1 }))).errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
  expect((await gc.join(req({ memberId: "nobody" }))).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
});

test("close() answers parked joins", async () => {
  const a = await joinNew();
  await gc.sync({ groupId: "g", generationId: 1, memberId: a.memberId, assignments: [] });
  const parked = joinNew({ clientId: "b" });
  await sleep(10);
  gc.close();
  expect((await parked).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
});
