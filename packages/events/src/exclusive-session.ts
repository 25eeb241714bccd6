import pg from "pg";
import { errorMessage, type EventsLogger } from "./logger";

/**
 * A dedicated connection holding a session-level advisory lock, so that exactly one process
 * across the deployment does a job (one relay per schema, one reader per group and topic);
 * the others stand by and take over when the holder's connection ends, which releases the lock.
 * The holder does its queries on this same connection: if the lock is gone, so are they.
 */
export class ExclusiveSession {
  private client: pg.Client | undefined;
  private held = false;

  /**
   * @param pool  gives the connection settings (role, search_path) of the dedicated connection,
   *              which is opened beside the pool so it never takes one of its slots for good.
   * @param lockName  e.g. `events.relay:tenant`, hashed to the 64-bit advisory lock key.
   */
  constructor(
    private readonly pool: pg.Pool,
    private readonly lockName: string,
    private readonly logger: EventsLogger,
  ) {}

  /** The connection when this process holds the lock, otherwise undefined (stand by). */
  async acquire(): Promise<pg.Client | undefined> {
    if (this.held && this.client) return this.client;
    const client = this.client ?? (await this.connect());
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked", [
      this.lockName,
    ]);
    this.held = rows[0]?.locked === true;
    if (this.held) this.logger.info("exclusive session acquired", { lock: this.lockName });
    return this.held ? client : undefined;
  }

  /** Ends the connection (and with it the lock); the next acquire() reconnects. */
  async release(): Promise<void> {
    const { client, held } = this;
    this.client = undefined;
    this.held = false;
    // Unlocking first hands over at once; ending alone frees the lock only once the backend exits.
    if (held) await client?.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [this.lockName]).catch(() => undefined);
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client(this.pool.options);
    client.on("error", (err) => {
      this.logger.warn("exclusive session connection failed", { lock: this.lockName, error: errorMessage(err) });
      if (this.client === client) {
        this.client = undefined;
        this.held = false;
      }
    });
    await client.connect();
    this.client = client;
    return client;
  }
}
