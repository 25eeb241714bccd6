import type { EventEnvelope } from "./envelope";

/** Where a delivered event sits in its transport (for logs; offsets are strings to fit int64). */
export interface DeliveryMeta {
  topic: string;
  partition: number;
  offset: string;
}

export interface ConsumeOptions {
  group: string;
  topics: string[];
  /**
   * Receives the decoded value as it travelled (normally an envelope; validating it is the
   * caller's job, since outside producers can write anything to a topic). The transport commits
   * the event's offset only after this resolves; when it rejects, the same event is offered
   * again after a backoff, and the events behind it on its partition wait.
   */
  onEvent(value: unknown, meta: DeliveryMeta): Promise<void>;
}

/**
 * A broadcast: every process that asks gets every event appended to `topics` after `broadcast()`
 * resolved, with no consumer group shared with anyone, no committed offset and nothing that holds
 * back the log's retention. For in-process state every instance keeps (caches, revocation sets),
 * not for work that must happen once.
 */
export interface BroadcastOptions {
  topics: string[];
  /**
   * Receives the decoded value as it travelled (validating it is the caller's job). Awaited
   * before the next event of the same partition; when it rejects the event is logged and
   * skipped, never retried (a broadcast is for state that expires anyway).
   */
  onEvent(value: unknown, meta: DeliveryMeta): Promise<void>;
}

export interface Consumer {
  /** Stops after the event in hand, commits what was handled and leaves the group. */
  close(): Promise<void>;
}

/**
 * What the code above the transport (relay, subscribe) relies on, whatever carries the events:
 * per-aggregate order, at-least-once delivery, consumer groups with committed offsets.
 */
export interface Transport {
  readonly name: "postgres" | "kafka";
  /**
   * Publishes in order: events with the same aggregate id are delivered in this order. A call
   * that fails may have published a prefix (Kafka), so callers retry the whole call and consumers
   * deduplicate by event id.
   */
  publish(envelopes: EventEnvelope[]): Promise<void>;
  consume(options: ConsumeOptions): Promise<Consumer>;
  /**
   * Starts a broadcast reader for this process only (see BroadcastOptions). While the broker or
   * database is unreachable it keeps trying in the background instead of rejecting.
   */
  broadcast(options: BroadcastOptions): Promise<Consumer>;
  /**
   * Resolves when the transport can reach its broker (Kafka) or database (postgres) now; rejects
   * with an Error saying why not. Cheap enough for a readiness probe (results are cached briefly).
   */
  ready(): Promise<void>;
  /** Closes every consumer started here and the producer side. */
  close(): Promise<void>;
}
