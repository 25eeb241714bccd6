import type { Database, PrismaClientLike, TransactionClient, TransactionOptions } from "@erp/db";
import { applyOnce } from "./apply-once";
import { backoffDelay, defaultBackoff, type BackoffOptions } from "./backoff";
import { listDeadLetters, parkDeadLetter, replayDeadLetter, type DeadLetter, type ReplayResult } from "./dead-letters";
import { eventEnvelopeSchema } from "./envelope";
import { findHandler, type EventHandlers } from "./handlers";
import { errorMessage, silentLogger, type EventsLogger } from "./logger";
import { topicOf } from "./topics";
import type { DeliveryMeta, Transport } from "./transport";
import { WakeSignal } from "./wake-signal";

export interface SubscribeOptions<C extends PrismaClientLike> {
  transport: Transport;
  /** The consuming service's database: handlers run in its transactions. */
  db: Database<C>;
  /** The consumer group, usually the service's name: each group gets every event once. */
  group: string;
  handlers: EventHandlers<TransactionClient<C>>;
  /** Attempts before an event is parked as a dead letter (default 5). */
  maxAttempts?: number;
  /** Between attempts (default 200 ms doubling to 30 s). */
  backoff?: BackoffOptions;
  /** For the handler's transaction (Prisma's default timeout is 5 s). */
  transaction?: TransactionOptions;
  logger?: EventsLogger;
}

export interface ConsumerStats {
  handled: number;
  /** Redelivered events that had been processed already (no second effect). */
  duplicates: number;
  /** Failed attempts that were retried. */
  retries: number;
  deadLettered: number;
  skipped: { unknownType: number; unsupportedVersion: number; malformed: number };
}

export interface Subscription {
  readonly group: string;
  readonly topics: string[];
  stats(): ConsumerStats;
  listDeadLetters(options?: { includeReplayed?: boolean; limit?: number }): Promise<DeadLetter[]>;
  replayDeadLetter(id: string): Promise<ReplayResult>;
  close(): Promise<void>;
}

const GROUP = /^[a-z0-9][a-z0-9_.-]*$/;

/**
 * Consumes the topics of the handled event types, the same way on every transport: each event is
 * applied at most once per group (processed-events record in the handler's transaction) and at
 * least once (the transport commits after this returns). Failures are retried with backoff,
 * holding back the events behind them on the partition, so per-aggregate order holds; after
 * `maxAttempts` the event is parked as a dead letter and consumption moves on. Unknown types,
 * versions no handler understands and values that are not envelopes are skipped and counted:
 * producers may add them before consumers catch up.
 */
export async function subscribe<C extends PrismaClientLike>(options: SubscribeOptions<C>): Promise<Subscription> {
  const { db, group, handlers } = options;
  if (!GROUP.test(group)) throw new Error(`invalid consumer group: ${group}`);
  const topics = [...new Set(Object.keys(handlers).map(topicOf))].sort();
  const maxAttempts = options.maxAttempts ?? 5;
  const backoff = options.backoff ?? defaultBackoff;
  const logger = options.logger ?? silentLogger;
  const stats: ConsumerStats = {
    handled: 0,
    duplicates: 0,
    retries: 0,
    deadLettered: 0,
    skipped: { unknownType: 0, unsupportedVersion: 0, malformed: 0 },
  };
  const closing = new WakeSignal();
  let closed = false;
  // Thrown while closing, so the transport does not commit an event that was not handled.
  const abortIfClosed = () => {
    if (closed) throw new Error("subscription closed");
  };

  const onEvent = async (value: unknown, meta: DeliveryMeta): Promise<void> => {
    const parsed = eventEnvelopeSchema.safeParse(value);
    if (!parsed.success) {
      stats.skipped.malformed += 1;
      logger.warn("skipped a value that is not an event envelope", { group, ...meta });
      return;
    }
    const envelope = parsed.data;
    const handler = findHandler(handlers, envelope);
    if (!handler) {
      stats.skipped.unknownType += 1;
      return;
    }
    if (!handler.versions.includes(envelope.version)) {
      stats.skipped.unsupportedVersion += 1;
      logger.warn("skipped an event version no handler understands", { group, type: envelope.type, version: envelope.version });
      return;
    }
    for (let attempt = 1; ; attempt++) {
      abortIfClosed();
      try {
        const result = await applyOnce(db, group, handler, envelope, { transaction: options.transaction });
        stats[result === "applied" ? "handled" : "duplicates"] += 1;
        return;
      } catch (err) {
        abortIfClosed();
        const context = { group, eventId: envelope.id, type: envelope.type, attempt, error: errorMessage(err) };
        if (attempt >= maxAttempts) {
          await parkDeadLetter(db.pool, group, envelope, err, attempt);
          stats.deadLettered += 1;
          logger.error("event handler failed; event parked as a dead letter", context);
          return;
        }
        stats.retries += 1;
        logger.warn("event handler failed; retrying", context);
        await closing.wait(backoffDelay(attempt, backoff));
      }
    }
  };

  const consumer = await options.transport.consume({ group, topics, onEvent });
  return {
    group,
    topics,
    stats: () => structuredClone(stats),
    listDeadLetters: (listOptions = {}) => listDeadLetters(db.pool, { ...listOptions, group }),
    replayDeadLetter: (id) => replayDeadLetter({ db, group, handlers, id, transaction: options.transaction }),
    async close() {
      closed = true;
      closing.wake();
      await consumer.close();
    },
  };
}
