/**
 * Keeps a process's revoked-session set up to date: every `auth.session.revoked` published from
 * now on reaches this process (a broadcast: every instance hears every event), wherever the
 * revocation happened. The gateway and every service that verifies access tokens start one.
 */
import { sessionRevoked } from "@erp/event-catalog";
import { subscribeBroadcast, topicOf, type BroadcastSubscription, type EventEnvelope, type EventsLogger, type Transport } from "@erp/events";
import { createRevokedSessions, type RevokedSessions, type RevokedSessionsOptions } from "./revoked-sessions";

export interface SessionRevocationFeedOptions {
  /** The process's event transport (a service's `startServiceEvents(...).transport`). */
  transport: Transport;
  /** The set to feed; a new one (default bounds, overflow logged) when omitted. */
  revokedSessions?: RevokedSessions;
  /** Bounds of the new set, when `revokedSessions` is omitted. */
  bounds?: Pick<RevokedSessionsOptions, "maxEntries" | "clockToleranceMs">;
  logger?: EventsLogger;
}

export interface SessionRevocationFeed {
  /** The set `authenticate` checks. */
  revokedSessions: RevokedSessions;
  subscription: BroadcastSubscription;
  close(): Promise<void>;
}

/**
 * Follows `auth.session.revoked` into a revoked-session set. Resolves once the broadcast reads
 * from the log's end: revocations published after that are seen (within the transport's wake-up
 * latency, well under a second); earlier ones are not, which is why auth announces a revocation
 * only after it committed and every verifier starts this before it serves requests.
 */
export async function followSessionRevocations(options: SessionRevocationFeedOptions): Promise<SessionRevocationFeed> {
  const logger = options.logger;
  const revokedSessions =
    options.revokedSessions ??
    createRevokedSessions({
      ...options.bounds,
      onOverflow: (evicted) => logger?.warn("revoked-session set full; the oldest revocations were forgotten", { evicted }),
    });
  const subscription = await subscribeBroadcast({
    transport: options.transport,
    topics: [topicOf(sessionRevoked.type)],
    logger,
    handler: (envelope) => applyRevocation(revokedSessions, envelope),
  });
  return { revokedSessions, subscription, close: () => subscription.close() };
}

/** Records the revocation an envelope announces; other events (and later versions) are ignored. */
export function applyRevocation(revokedSessions: RevokedSessions, envelope: EventEnvelope): void {
  if (envelope.type !== sessionRevoked.type || envelope.version !== sessionRevoked.version) return;
  const data = sessionRevoked.data.parse(envelope.data);
  revokedSessions.revoke(data.sessionId, new Date(data.tokensExpireAt));
}
