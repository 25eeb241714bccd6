import type { EventsLogger } from "./logger";

/**
 * Logs a dependency that keeps failing (brokers unreachable, a relay that cannot publish) as one
 * warning line per window instead of one per attempt: the first failure at once, then at most
 * one line every `windowMs` with the number of attempts since the last line, and one line when
 * it works again. Never a stack trace: the message is enough to act on, and an outage must not
 * flood the log.
 */
export class OutageLog {
  private since: number | undefined;
  private lastLineAt = 0;
  private attemptsSinceLine = 0;
  private attempts = 0;
  private lastError: string | undefined;

  /**
   * @param windowMs  minimum time between two warning lines of one outage (default 30 s).
   * @param now  the clock, in ms (tests pass their own).
   */
  constructor(
    private readonly logger: EventsLogger,
    private readonly windowMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The failure in progress (undefined when the last attempt worked). */
  get outage(): { since: Date; attempts: number; error: string } | undefined {
    return this.since === undefined ? undefined : { since: new Date(this.since), attempts: this.attempts, error: this.lastError ?? "" };
  }

  /** Counts a failed attempt; logs `message` with `meta` if the window since the last line is over. */
  failure(message: string, error: string, meta: Record<string, unknown> = {}): void {
    const now = this.now();
    this.since ??= now;
    this.attempts += 1;
    this.attemptsSinceLine += 1;
    this.lastError = error;
    if (this.lastLineAt !== 0 && now - this.lastLineAt < this.windowMs) return;
    this.logger.warn(message, { ...meta, error, attempts: this.attemptsSinceLine, failingForMs: now - this.since });
    this.lastLineAt = now;
    this.attemptsSinceLine = 0;
  }

  /** Ends the outage; logs `message` once if a failure had been counted. */
  recovered(message: string, meta: Record<string, unknown> = {}): void {
    if (this.since === undefined) return;
    this.logger.info(message, { ...meta, attempts: this.attempts, downForMs: this.now() - this.since });
    this.since = undefined;
    this.lastLineAt = 0;
    this.attemptsSinceLine = 0;
    this.attempts = 0;
    this.lastError = undefined;
  }
}
