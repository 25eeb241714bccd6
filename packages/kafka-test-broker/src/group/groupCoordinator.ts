/**
 * Consumer group coordinator: a simplified port of the classic (pre-KIP-848) Kafka group protocol.
 *
 * States: Empty → PreparingRebalance → CompletingRebalance → Stable (→ PreparingRebalance ...).
 * - JoinGroup responses are held until every known member has (re)joined, or the rebalance
 *   timeout expires and stragglers are evicted. Then the generation is bumped, a leader picked and
 *   only the leader receives the member list (it runs the assignor client-side).
 * - SyncGroup responses are held until the leader sends the assignment.
 * - Heartbeats keep members alive; a member whose session times out is removed and triggers a
 *   rebalance. Members are told about a rebalance through REBALANCE_IN_PROGRESS on Heartbeat.
 * Committed offsets live beside the groups and survive the group going Empty (consumer restart).
 */
import { randomUUID } from "node:crypto";
import { ErrorCode } from "../protocol/errors";

export type GroupState = "Empty" | "PreparingRebalance" | "CompletingRebalance" | "Stable";

export interface GroupProtocol {
  name: string;
  metadata: Buffer;
}

export interface JoinRequest {
  groupId: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  memberId: string;
  groupInstanceId: string | null;
  protocolType: string;
  protocols: GroupProtocol[];
  clientId: string;
  clientHost: string;
  /** JoinGroup v4+ clients understand MEMBER_ID_REQUIRED (KIP-394). */
  requireKnownMemberId: boolean;
}

export interface JoinResult {
  errorCode: number;
  generationId: number;
  protocolName: string;
  leader: string;
  memberId: string;
  members: { memberId: string; groupInstanceId: string | null; metadata: Buffer }[];
}

export interface SyncResult {
  errorCode: number;
  assignment: Buffer;
}

interface Member {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: GroupProtocol[];
  assignment: Buffer;
  pendingJoin: ((r: JoinResult) => void) | null;
  pendingSync: ((r: SyncResult) => void) | null;
  sessionTimer: NodeJS.Timeout | null;
}

export interface CommittedOffset {
  offset: number;
  metadata: string | null;
}

class Group {
  state: GroupState = "Empty";
  generationId = 0;
  protocolType: string | null = null;
  protocolName: string | null = null;
  leaderId: string | null = null;
  readonly members = new Map<string, Member>();
  /** Member ids handed out with MEMBER_ID_REQUIRED that have not joined yet. */
  readonly pendingMemberIds = new Set<string>();
  rebalanceTimer: NodeJS.Timeout | null = null;
  constructor(readonly groupId: string) {}
}

const MIN_SESSION_TIMEOUT_MS = 100; // far below Kafka's 6000 default so tests can use short timeouts
const MAX_SESSION_TIMEOUT_MS = 1_800_000;

const emptyJoin = (errorCode: number, memberId = ""): JoinResult => ({
  errorCode,
  generationId: -1,
  protocolName: "",
  leader: "",
  memberId,
  members: [],
});

export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();
  private readonly offsets = new Map<string, Map<string, Map<number, CommittedOffset>>>();
  private closed = false;

  constructor(private readonly log: (msg: string) => void = () => {}) {}

  // ---------------------------------------------------------------- JoinGroup

  join(req: JoinRequest): Promise<JoinResult> {
    if (this.closed) return Promise.resolve(emptyJoin(ErrorCode.UNKNOWN_MEMBER_ID));
    if (!req.groupId) return Promise.resolve(emptyJoin(ErrorCode.INVALID_GROUP_ID));
    if (req.sessionTimeoutMs < MIN_SESSION_TIMEOUT_MS || req.sessionTimeoutMs > MAX_SESSION_TIMEOUT_MS) {
      return Promise.resolve(emptyJoin(ErrorCode.INVALID_SESSION_TIMEOUT));
    }
    const group = this.getOrCreate(req.groupId);
    if (!req.protocolType || req.protocols.length === 0 || !this.supportsProtocols(group, req)) {
      return Promise.resolve(emptyJoin(ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }

    if (req.memberId === "") {
      const memberId = `${req.clientId || "member"}-${randomUUID()}`;
      if (req.requireKnownMemberId) {
        // KIP-394: hand out an id first so a client that times out and retries doesn't leave a ghost member.
        group.pendingMemberIds.add(memberId);
        return Promise.resolve(emptyJoin(ErrorCode.MEMBER_ID_REQUIRED, memberId));
      }
      return this.addMemberAndRebalance(group, memberId, req);
    }
    if (group.pendingMemberIds.delete(req.memberId)) {
      return this.addMemberAndRebalance(group, req.memberId, req);
    }
    const member = group.members.get(req.memberId);
    if (!member) return Promise.resolve(emptyJoin(ErrorCode.UNKNOWN_MEMBER_ID, req.memberId));

    switch (group.state) {
      case "PreparingRebalance":
        return this.updateMemberAndRebalance(group, member, req);
      case "CompletingRebalance":
        if (sameProtocols(member.protocols, req.protocols)) {
          // A retried JoinGroup after the join completed: replay this generation's answer.
          return Promise.resolve(this.joinResultFor(group, member));
        }
        return this.updateMemberAndRebalance(group, member, req);
      case "Stable":
        if (member.memberId === group.leaderId || !sameProtocols(member.protocols, req.protocols)) {
          // The leader rejoining (e.g. metadata changed) or new protocol metadata → new generation.
          return this.updateMemberAndRebalance(group, member, req);
        }
        return Promise.resolve(this.joinResultFor(group, member));
      default:
        return Promise.resolve(emptyJoin(ErrorCode.UNKNOWN_MEMBER_ID, req.memberId));
    }
  }

  private supportsProtocols(group: Group, req: JoinRequest): boolean {
    if (group.state === "Empty" || group.members.size === 0) return true;
    if (group.protocolType !== req.protocolType) return false;
    const names = new Set(req.protocols.map((p) => p.name));
    // Some protocol must be supported by every existing member and the new one.
    const candidates = [...group.members.values()].reduce(
      (acc, m) => new Set(m.protocols.map((p) => p.name).filter((n) => acc.has(n))),
      names,
    );
    return candidates.size > 0;
  }

  private addMemberAndRebalance(group: Group, memberId: string, req: JoinRequest): Promise<JoinResult> {
    return new Promise((resolve) => {
      const member: Member = {
        memberId,
        groupInstanceId: req.groupInstanceId,
        clientId: req.clientId,
        clientHost: req.clientHost,
        sessionTimeoutMs: req.sessionTimeoutMs,
        rebalanceTimeoutMs: req.rebalanceTimeoutMs,
        protocolType: req.protocolType,
        protocols: req.protocols,
        assignment: Buffer.alloc(0),
        pendingJoin: resolve,
        pendingSync: null,
        sessionTimer: null,
      };
      group.members.set(memberId, member);
      if (group.protocolType === null) group.protocolType = req.protocolType;
      this.log(`group ${group.groupId}: member ${memberId} joined`);
      this.prepareRebalance(group, `new member ${memberId}`);
      this.tryCompleteJoin(group);
    });
  }

  private updateMemberAndRebalance(group: Group, member: Member, req: JoinRequest): Promise<JoinResult> {
    return new Promise((resolve) => {
      // A second JoinGroup from the same member supersedes the first; answer the old one so it never dangles.
      member.pendingJoin?.(emptyJoin(ErrorCode.REBALANCE_IN_PROGRESS, member.memberId));
      member.protocols = req.protocols;
      member.sessionTimeoutMs = req.sessionTimeoutMs;
      member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
      member.pendingJoin = resolve;
      this.prepareRebalance(group, `member ${member.memberId} rejoined`);
      this.tryCompleteJoin(group);
    });
  }

  private prepareRebalance(group: Group, reason: string): void {
    if (group.state === "PreparingRebalance") return;
    if (group.state === "CompletingRebalance") {
      // Followers waiting in SyncGroup must rejoin: the assignment they wait for will never come.
      for (const m of group.members.values()) {
        m.pendingSync?.({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: Buffer.alloc(0) });
        m.pendingSync = null;
      }
    }
    for (const m of group.members.values()) m.assignment = Buffer.alloc(0);
    group.state = "PreparingRebalance";
    this.log(`group ${group.groupId}: preparing rebalance (${reason})`);
    const timeout = Math.max(0, ...[...group.members.values()].map((m) => m.rebalanceTimeoutMs));
    group.rebalanceTimer = setTimeout(() => this.onRebalanceTimeout(group), timeout);
  }

  private onRebalanceTimeout(group: Group): void {
    group.rebalanceTimer = null;
    if (group.state !== "PreparingRebalance") return;
    for (const m of [...group.members.values()]) {
      if (!m.pendingJoin) {
        this.log(`group ${group.groupId}: evicting ${m.memberId} (did not rejoin within rebalance timeout)`);
        this.dropMember(group, m);
      }
    }
    this.completeJoin(group);
  }

  private tryCompleteJoin(group: Group): void {
    if (group.state !== "PreparingRebalance") return;
    for (const m of group.members.values()) if (!m.pendingJoin) return;
    this.completeJoin(group);
  }

  private completeJoin(group: Group): void {
    if (group.rebalanceTimer) clearTimeout(group.rebalanceTimer);
    group.rebalanceTimer = null;
    group.generationId++;
    if (group.members.size === 0) {
      group.state = "Empty";
      group.protocolName = null;
      group.protocolType = null;
      group.leaderId = null;
      this.log(`group ${group.groupId}: now empty (generation ${group.generationId})`);
      return;
    }
    group.protocolName = selectProtocol([...group.members.values()]);
    if (!group.leaderId || !group.members.has(group.leaderId)) {
      group.leaderId = (group.members.keys().next().value as string) ?? null;
    }
    group.state = "CompletingRebalance";
    this.log(
      `group ${group.groupId}: generation ${group.generationId} with ${group.members.size} member(s), leader ${group.leaderId}`,
    );
    for (const m of group.members.values()) {
      const respond = m.pendingJoin;
      m.pendingJoin = null;
      this.scheduleSessionTimeout(group, m);
      respond?.(this.joinResultFor(group, m));
    }
  }

  private joinResultFor(group: Group, member: Member): JoinResult {
    const isLeader = member.memberId === group.leaderId;
    return {
      errorCode: ErrorCode.NONE,
      generationId: group.generationId,
      protocolName: group.protocolName ?? "",
      leader: group.leaderId ?? "",
      memberId: member.memberId,
      members: isLeader
        ? [...group.members.values()].map((m) => ({
            memberId: m.memberId,
            groupInstanceId: m.groupInstanceId,
            metadata: m.protocols.find((p) => p.name === group.protocolName)?.metadata ?? Buffer.alloc(0),
          }))
        : [],
    };
  }

  // ---------------------------------------------------------------- SyncGroup

  sync(req: {
    groupId: string;
    generationId: number;
    memberId: string;
    assignments: { memberId: string; assignment: Buffer }[];
  }): Promise<SyncResult> {
    const fail = (errorCode: number) => Promise.resolve({ errorCode, assignment: Buffer.alloc(0) });
    const group = this.groups.get(req.groupId);
    const member = group?.members.get(req.memberId);
    if (!group || !member || this.closed) return fail(ErrorCode.UNKNOWN_MEMBER_ID);
    if (req.generationId !== group.generationId) return fail(ErrorCode.ILLEGAL_GENERATION);
    switch (group.state) {
      case "PreparingRebalance":
        return fail(ErrorCode.REBALANCE_IN_PROGRESS);
      case "Stable":
        this.scheduleSessionTimeout(group, member);
        return Promise.resolve({ errorCode: ErrorCode.NONE, assignment: member.assignment });
      case "CompletingRebalance":
        return new Promise((resolve) => {
          member.pendingSync?.({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: Buffer.alloc(0) });
          member.pendingSync = resolve;
          this.scheduleSessionTimeout(group, member);
          if (member.memberId !== group.leaderId) return;
          const byMember = new Map(req.assignments.map((a) => [a.memberId, a.assignment]));
          group.state = "Stable";
          this.log(`group ${group.groupId}: stable at generation ${group.generationId}`);
          for (const m of group.members.values()) {
            m.assignment = byMember.get(m.memberId) ?? Buffer.alloc(0);
            const respond = m.pendingSync;
            m.pendingSync = null;
            respond?.({ errorCode: ErrorCode.NONE, assignment: m.assignment });
          }
        });
      default:
        return fail(ErrorCode.UNKNOWN_MEMBER_ID);
    }
  }

  // ---------------------------------------------------------------- Heartbeat / LeaveGroup

  heartbeat(groupId: string, generationId: number, memberId: string): number {
    const group = this.groups.get(groupId);
    const member = group?.members.get(memberId);
    if (!group || !member || this.closed) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (group.state === "PreparingRebalance") {
      // Tell the member to rejoin; keep it alive meanwhile so it isn't evicted before it can.
      this.scheduleSessionTimeout(group, member);
      return ErrorCode.REBALANCE_IN_PROGRESS;
    }
    if (generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    this.scheduleSessionTimeout(group, member);
    return ErrorCode.NONE;
  }

  /** Returns a per-member error code list (LeaveGroup v3 batches members). */
  leave(groupId: string, memberIds: string[]): { memberId: string; errorCode: number }[] {
    const group = this.groups.get(groupId);
    return memberIds.map((memberId) => {
      const member = group?.members.get(memberId);
      if (!group || !member) return { memberId, errorCode: ErrorCode.UNKNOWN_MEMBER_ID };
      this.log(`group ${groupId}: member ${memberId} left`);
      this.removeMemberAndUpdateGroup(group, member);
      return { memberId, errorCode: ErrorCode.NONE };
    });
  }

  private scheduleSessionTimeout(group: Group, member: Member): void {
    if (member.sessionTimer) clearTimeout(member.sessionTimer);
    member.sessionTimer = setTimeout(() => {
      member.sessionTimer = null;
      if (group.members.get(member.memberId) !== member) return;
      if (member.pendingJoin || member.pendingSync) {
        // Members blocked in JoinGroup/SyncGroup can't heartbeat; the rebalance timeout governs them.
        this.scheduleSessionTimeout(group, member);
        return;
      }
      this.log(`group ${group.groupId}: member ${member.memberId} session timed out`);
      this.removeMemberAndUpdateGroup(group, member);
    }, member.sessionTimeoutMs);
  }

  private dropMember(group: Group, member: Member): void {
    if (member.sessionTimer) clearTimeout(member.sessionTimer);
    member.sessionTimer = null;
    member.pendingJoin?.(emptyJoin(ErrorCode.UNKNOWN_MEMBER_ID, member.memberId));
    member.pendingSync?.({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, assignment: Buffer.alloc(0) });
    member.pendingJoin = null;
    member.pendingSync = null;
    group.members.delete(member.memberId);
  }

  private removeMemberAndUpdateGroup(group: Group, member: Member): void {
    this.dropMember(group, member);
    if (group.state === "Stable" || group.state === "CompletingRebalance") {
      this.prepareRebalance(group, `member ${member.memberId} removed`);
    }
    this.tryCompleteJoin(group);
  }

  // ---------------------------------------------------------------- Offsets

  /**
   * Validate an OffsetCommit against group membership. generation -1 with an empty member id is
   * the "simple" (admin / standalone consumer) commit, accepted while the group has no members.
   */
  validateCommit(groupId: string, generationId: number, memberId: string): number {
    const group = this.groups.get(groupId);
    if (generationId < 0 && memberId === "") {
      return !group || group.members.size === 0 ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
    }
    const member = group?.members.get(memberId);
    if (!group || !member) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    if (group.state === "CompletingRebalance") return ErrorCode.REBALANCE_IN_PROGRESS;
    this.scheduleSessionTimeout(group, member);
    return ErrorCode.NONE;
  }

  commitOffset(groupId: string, topic: string, partition: number, value: CommittedOffset): void {
    let byTopic = this.offsets.get(groupId);
    if (!byTopic) this.offsets.set(groupId, (byTopic = new Map()));
    let byPartition = byTopic.get(topic);
    if (!byPartition) byTopic.set(topic, (byPartition = new Map()));
    byPartition.set(partition, value);
  }

  committedOffset(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.offsets.get(groupId)?.get(topic)?.get(partition);
  }

  /** All committed offsets of a group (OffsetFetch with null topics). */
  committedOffsets(groupId: string): { topic: string; partition: number; offset: number; metadata: string | null }[] {
    const out: { topic: string; partition: number; offset: number; metadata: string | null }[] = [];
    for (const [topic, parts] of this.offsets.get(groupId) ?? []) {
      for (const [partition, v] of parts) out.push({ topic, partition, ...v });
    }
    return out;
  }

  deleteTopicOffsets(topic: string): void {
    for (const byTopic of this.offsets.values()) byTopic.delete(topic);
  }

  // ---------------------------------------------------------------- Introspection

  describe(groupId: string):
    | {
        state: string;
        protocolType: string;
        protocol: string;
        members: { memberId: string; clientId: string; clientHost: string; metadata: Buffer; assignment: Buffer }[];
      }
    | undefined {
    const group = this.groups.get(groupId);
    if (!group) return undefined;
    const stable = group.state === "Stable";
    return {
      state: group.state,
      protocolType: group.protocolType ?? "",
      protocol: stable ? (group.protocolName ?? "") : "",
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        metadata: stable ? (m.protocols.find((p) => p.name === group.protocolName)?.metadata ?? Buffer.alloc(0)) : Buffer.alloc(0),
        assignment: stable ? m.assignment : Buffer.alloc(0),
      })),
    };
  }

  groupIds(): string[] {
    return [...new Set([...this.groups.keys(), ...this.offsets.keys()])];
  }

  private getOrCreate(groupId: string): Group {
    let g = this.groups.get(groupId);
    if (!g) this.groups.set(groupId, (g = new Group(groupId)));
    return g;
  }

  /** Stop all timers and answer every parked request so nothing keeps the event loop alive. */
  close(): void {
    this.closed = true;
    for (const g of this.groups.values()) {
      if (g.rebalanceTimer) clearTimeout(g.rebalanceTimer);
      g.rebalanceTimer = null;
      for (const m of [...g.members.values()]) this.dropMember(g, m);
    }
  }
}

function sameProtocols(a: GroupProtocol[], b: GroupProtocol[]): boolean {
  return a.length === b.length && a.every((p, i) => p.name === b[i]?.name && p.metadata.equals(b[i].metadata));
}

/** Kafka's vote: each member votes for its most preferred protocol that every member supports. */
function selectProtocol(members: Member[]): string {
  const first = members[0] as Member;
  const common = first.protocols
    .map((p) => p.name)
    .filter((n) => members.every((m) => m.protocols.some((p) => p.name === n)));
  const votes = new Map<string, number>();
  for (const m of members) {
    const choice = m.protocols.find((p) => common.includes(p.name))?.name;
    if (choice) votes.set(choice, (votes.get(choice) ?? 0) + 1);
  }
  let best = common[0] ?? "";
  for (const [name, n] of votes) if (n > (votes.get(best) ?? 0)) best = name;
  return best;
}
