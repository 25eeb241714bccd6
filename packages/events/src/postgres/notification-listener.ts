import pg from "pg";
import { errorMessage, type EventsLogger } from "../logger";
import { OutageLog } from "../outage-log";
import { APPEND_CHANNEL } from "./log-append";

const RECONNECT_MS = 1000;

/**
 * One LISTEN connection per consumer, calling `onTopic` when a topic grows. Wake-ups only cut
 * the wait short: readers also poll, so a lost connection (re-established here) or a lost
 * notification delays events by at most one poll interval and never loses them.
 */
export function listenForAppends(pool: pg.Pool, onTopic: (topic: string) => void, logger: EventsLogger): { close(): Promise<void> } {
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  // While the database is away this reconnects every second: one warning line per window, not per attempt.
  const outage = new OutageLog(logger);

  const connect = async () => {
    const next = new pg.Client(pool.options);
    next.on("notification", (message) => message.payload && onTopic(message.payload));
    next.on("error", (err) => {
      outage.failure("event wake-up connection failed; reconnecting", errorMessage(err));
      if (client === next) reconnectLater();
    });
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${APPEND_CHANNEL}`);
      outage.recovered("event wake-up connection restored");
      if (closed) await next.end();
    } catch (err) {
      outage.failure("event wake-up connection failed; reconnecting", errorMessage(err));
      reconnectLater();
    }
  };

  const reconnectLater = () => {
    const broken = client;
    client = undefined;
    void broken?.end().catch(() => undefined);
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, RECONNECT_MS);
  };

  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
