import type pg from "pg";
import { backoffDelay, type BackoffOptions } from "../backoff";
import { ExclusiveSession } from "../exclusive-session";
import { errorMessage, type EventsLogger } from "../logger";
import type { Consumer, ConsumeOptions } from "../transport";
import { WakeSignal } from "../wake-signal";
import { handleInKeyOrder, type LogRow } from "./key-ordered";
import { listenForAppends } from "./notification-listener";

export interface LogConsumerSettings {
  pool: pg.Pool;
  pollIntervalMs: number;
  batchSize: number;
  /** Aggregates (log keys) handled at the same time; one aggregate's events never overlap. */
  concurrency: number;
  /** How often a standby reader tries to take over a (group, topic) held by another process. */
  standbyRetryMs: number;
  backoff: BackoffOptions;
  logger: EventsLogger;
}

/**
 * Reads one topic for one group. Only the process holding the (group, topic) advisory lock
 * reads, so each aggregate's events are handled one at a time in offset order, as a Kafka
 * partition's are; the group's offset is committed after the events before it were handled.
 */
class TopicReader {
  readonly signal = new WakeSignal();
  /** Backoff waits end only on stop, not on every NOTIFY. */
  private readonly stopSignal = new WakeSignal();
  private stopped = false;
  private committed: string | undefined;
  private readonly session: ExclusiveSession;
  private readonly done: Promise<void>;

  constructor(
    private readonly settings: LogConsumerSettings,
    private readonly options: ConsumeOptions,
    private readonly topic: string,
  ) {
    this.session = new ExclusiveSession(settings.pool, `events.consumer:${options.group}:${topic}`, settings.logger);
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.signal.wake();
    this.stopSignal.wake();
    await this.done;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        const client = await this.session.acquire();
        if (!client) {
          this.committed = undefined;
          await this.signal.wait(this.settings.standbyRetryMs);
          continue;
        }
        const handled = await this.readBatch(client);
        failures = 0;
        if (handled === 0) await this.signal.wait(this.settings.pollIntervalMs);
      } catch (err) {
        if (this.stopped) break;
        failures += 1;
        this.settings.logger.warn("event log read failed", {
          group: this.options.group,
          topic: this.topic,
          attempt: failures,
          error: errorMessage(err),
        });
        // The connection may be the broken part: start over on a new one (and re-take the lock).
        await this.session.release();
        this.committed = undefined;
        await this.stopSignal.wait(backoffDelay(failures, this.settings.backoff));
      }
    }
    await this.session.release();
  }

  /** Handles up to one batch after the committed offset; returns how many rows it read. */
  private async readBatch(client: pg.Client): Promise<number> {
    const committed = this.committed ?? (await this.register(client));
    const { rows } = await client.query<LogRow>(
      `SELECT "offset", key, envelope FROM events.log WHERE topic = $1 AND "offset" > $2::bigint ORDER BY "offset" LIMIT $3`,
      [this.topic, committed, this.settings.batchSize],
    );
    const { handledThrough, error } = await handleInKeyOrder(
      rows,
      this.settings.concurrency,
      () => this.stopped,
      (row) => this.options.onEvent(row.envelope, { topic: this.topic, partition: 0, offset: row.offset }),
    );
    if (handledThrough !== undefined) await this.commit(client, handledThrough);
    if (error !== undefined) throw error;
    return rows.length;
  }

  /** Registers the group on the topic (which holds back retention) and reads its offset. */
  private async register(client: pg.Client): Promise<string> {
    const { rows } = await client.query<{ committed_offset: string }>(
      `WITH registered AS (
         INSERT INTO events.consumer_offsets (group_id, topic, committed_offset) VALUES ($1, $2, 0)
         ON CONFLICT (group_id, topic) DO NOTHING RETURNING committed_offset)
       SELECT committed_offset FROM registered
       UNION ALL SELECT committed_offset FROM events.consumer_offsets WHERE group_id = $1 AND topic = $2`,
      [this.options.group, this.topic],
    );
    this.committed = rows[0]?.committed_offset ?? "0";
    return this.committed;
  }

  private async commit(client: pg.Client, offset: string): Promise<void> {
    await client.query(
      "UPDATE events.consumer_offsets SET committed_offset = $3, updated_at = now() WHERE group_id = $1 AND topic = $2",
      [this.options.group, this.topic, offset],
    );
    this.committed = offset;
  }
}

/** A consumer of the postgres log: one reader per topic, woken by NOTIFY, polling as a fallback. */
export async function startLogConsumer(settings: LogConsumerSettings, options: ConsumeOptions): Promise<Consumer> {
  const readers = new Map(options.topics.map((topic) => [topic, new TopicReader(settings, options, topic)]));
  const listener = listenForAppends(settings.pool, (topic) => readers.get(topic)?.signal.wake(), settings.logger);
  return {
    async close() {
      await listener.close();
      await Promise.all([...readers.values()].map((reader) => reader.stop()));
    },
  };
}
