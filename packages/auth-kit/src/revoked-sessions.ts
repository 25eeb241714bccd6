/**
 * The sessions (refresh-token families, the `sid` of access tokens) that ended before their access
 * tokens expired: logout, refresh-token reuse, a deactivated member. Every process that verifies
 * access tokens keeps one, fed by `auth.session.revoked` (see `listenForRevokedSessions`), so a
 * revoked session is refused everywhere within moments instead of when its tokens expire.
 *
 * Memory is bounded twice: an entry is dropped once every access token of its session has
 * expired (the event says when), and the set never holds more than `maxEntries` sessions (the
 * entries closest to expiry go first, with a warning: past that bound a revoked session may be
 * accepted again until its tokens expire, which is what happened before revocation existed).
 */

export interface RevokedSessions {
  /**
   * Records that `sessionId` was revoked.
   * @param tokensExpireAt when the last access token of the session expires (epoch milliseconds
   *   or a Date); the entry is kept until then plus the clock tolerance
   */
  revoke(sessionId: string, tokensExpireAt: number | Date): void;
  /** Whether a token of `sessionId` must be refused now. */
  isRevoked(sessionId: string): boolean;
  /** Live entries (expired ones are dropped as they are met). */
  readonly size: number;
}

export interface RevokedSessionsOptions {
  /** Most sessions held at once (default 100,000: about 15 MB). */
  maxEntries?: number;
  /** Kept this much longer than the tokens' `exp`, as verifiers accept that much skew (default 5 s). */
  clockToleranceMs?: number;
  /** Current time in epoch milliseconds (default `Date.now`). */
  now?: () => number;
  /** Told when the bound forced out a live entry. */
  onOverflow?: (evicted: number) => void;
}

const DEFAULT_MAX_ENTRIES = 100_000;
const DEFAULT_CLOCK_TOLERANCE_MS = 5_000;

/** An empty set of revoked sessions; see the module comment for its bounds. */
export function createRevokedSessions(options: RevokedSessionsOptions = {}): RevokedSessions {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new Error("maxEntries must be a positive integer");
  const tolerance = options.clockToleranceMs ?? DEFAULT_CLOCK_TOLERANCE_MS;
  const now = options.now ?? Date.now;
  // Insertion order is close to expiry order (every session gets the same token lifetime), so
  // expired entries are mostly at the front, where pruning looks.
  const until = new Map<string, number>();

  function pruneExpired(at: number): void {
    for (const [sessionId, expiresAt] of until) {
      if (expiresAt > at) return;
      until.delete(sessionId);
    }
  }

  return {
    revoke(sessionId, tokensExpireAt) {
      const expiresAt = (typeof tokensExpireAt === "number" ? tokensExpireAt : tokensExpireAt.getTime()) + tolerance;
      const at = now();
      if (Number.isNaN(expiresAt) || expiresAt <= at) return;
      pruneExpired(at);
      const known = until.get(sessionId);
      until.delete(sessionId);
      until.set(sessionId, Math.max(expiresAt, known ?? 0));
      if (until.size <= maxEntries) return;
      let evicted = 0;
      for (const sessionId of until.keys()) {
        if (until.size <= maxEntries) break;
        until.delete(sessionId);
        evicted += 1;
      }
      options.onOverflow?.(evicted);
    },
    isRevoked(sessionId) {
      const expiresAt = until.get(sessionId);
      if (expiresAt === undefined) return false;
      if (expiresAt > now()) return true;
      until.delete(sessionId);
      return false;
    },
    get size() {
      pruneExpired(now());
      return until.size;
    },
  };
}
