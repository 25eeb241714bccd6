import { eventEnvelopeSchema, type EventEnvelope } from "./envelope";
import { errorMessage, silentLogger, type EventsLogger } from "./logger";
import type { DeliveryMeta, Transport } from "./transport";

export interface BroadcastSubscriptionOptions {
  transport: Transport;
  /** Topics to follow, e.g. `["erp.tenant"]` (`topicOf("tenant.organization.suspended")`). */
  topics: string[];
  /**
   * Called with every valid envelope on those topics, in each partition's order; values that are
   * not envelopes are skipped. The handler filters by `envelope.type` itself. A handler that
   * throws is logged and the event skipped: a broadcast feeds state that can be rebuilt (caches,
   * revocation sets), not work that must be done exactly once (use `subscribe()` for that).
   */
  handler: (envelope: EventEnvelope, meta: DeliveryMeta) => void | Promise<void>;
  logger?: EventsLogger;
}

export interface BroadcastSubscription {
  readonly topics: string[];
  /** Envelopes handed to the handler since the start, and values skipped as not envelopes. */
  stats(): { delivered: number; malformed: number; failed: number };
  close(): Promise<void>;
}

/**
 * Delivers every event published from now on to THIS process: every running instance of a
 * service that calls it gets every event (unlike `subscribe()`, where a consumer group shares the
 * work and each event is handled once). Nothing is committed and nothing holds back the log's
 * retention: postgres reads the log from its end without registering an offset; Kafka joins a
 * group of its own (unique id) positioned at the end of each partition.
 *
 * Events published after this resolves are delivered, as long as the transport is reachable.
 * While it is not (Kafka down), it keeps trying in the background; what was published while a
 * Kafka broadcast had never started may be missed, so use it for state that also expires.
 */
export async function subscribeBroadcast(options: BroadcastSubscriptionOptions): Promise<BroadcastSubscription> {
  const logger = options.logger ?? silentLogger;
  const topics = [...new Set(options.topics)].sort();
  const stats = { delivered: 0, malformed: 0, failed: 0 };
  const consumer = await options.transport.broadcast({
    topics,
    async onEvent(value, meta) {
      const parsed = eventEnvelopeSchema.safeParse(value);
      if (!parsed.success) {
        stats.malformed += 1;
        return;
      }
      try {
        stats.delivered += 1;
        await options.handler(parsed.data, meta);
      } catch (err) {
        stats.failed += 1;
        logger.warn("broadcast handler failed; event skipped", { ...meta, type: parsed.data.type, eventId: parsed.data.id, error: errorMessage(err) });
      }
    },
  });
  return { topics, stats: () => ({ ...stats }), close: () => consumer.close() };
}
