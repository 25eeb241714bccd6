/** Verifies access tokens signed by the auth service against its published JWKS. */
import { AppError, unauthenticated, type Principal } from "@erp/http-kit";
import { createPublicKey, type KeyObject } from "node:crypto";
import jwt from "jsonwebtoken";
import jwksClient, { JwksRateLimitError, SigningKeyNotFoundError } from "jwks-rsa";
import { principalFromClaims } from "./access-token-claims";

export interface TokenVerifierOptions {
  jwksUrl: string;
  issuer: string;
  audience: string;
}

export interface TokenVerifier {
  /**
   * The caller behind a valid access token.
   * @throws AppError 401 `UNAUTHENTICATED` (malformed, forged, foreign, unknown key, organization
   *   claim not a uuid) or `TOKEN_EXPIRED`; 503 `UPSTREAM_UNAVAILABLE` while the JWKS cannot be
   *   fetched (including lookups the fetch rate limit refuses during that outage): never a 401 for
   *   what may be a good token
   */
  verify(token: string): Promise<Principal>;
}

// Pinned: the header's `alg` is never trusted, which stops `none` and HS256-with-the-public-key.
const ALGORITHM = "ES256";
const CLOCK_TOLERANCE_SECONDS = 5;
/**
 * A client sends the same access token with every request until it expires, and checking an ES256
 * signature is the dearest step of a request (about a tenth of a service's CPU per read, measured
 * by `pnpm bench`). A token that passed every check is remembered, byte for byte, until its `exp`
 * (without the clock tolerance, so expiry is always decided by the full check) and for at most a
 * minute: a key withdrawn from the JWKS stops being honoured within that minute, well inside the
 * JWKS cache's own 10.
 */
const VERIFIED_TOKENS_MAX = 1_000;
const VERIFIED_TOKEN_MAX_AGE_MS = 60_000;

/** How long one JWKS fetch may take. */
const JWKS_TIMEOUT_MS = 5_000;

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  /**
   * Whether the last JWKS fetch failed (auth unreachable, an error status, not a JWKS). While it
   * does, a lookup refused by the fetch rate limit is the outage's doing too, not the token's.
   */
  let fetchFailing = false;

  /** One JWKS fetch, its outcome recorded in `fetchFailing`. */
  async function fetchJwks(uri: string): Promise<{ keys: unknown }> {
    try {
      const res = await fetch(uri, { signal: AbortSignal.timeout(JWKS_TIMEOUT_MS), headers: { accept: "application/json" } });
      if (!res.ok) throw new Error(`the JWKS endpoint answered ${res.status}`);
      const body = (await res.json()) as { keys?: unknown };
      if (!Array.isArray(body.keys)) throw new Error("the JWKS endpoint answered no keys array");
      fetchFailing = false;
      return { keys: body.keys };
    } catch (err) {
      fetchFailing = true;
      throw err;
    }
  }

  const keys = jwksClient({
    jwksUri: options.jwksUrl,
    fetcher: fetchJwks,
    // Keys are cached per kid; an unknown kid (a rotation) refetches, but only a few times a
    // minute so random kids cannot turn every request into a JWKS fetch.
    cache: true,
    cacheMaxEntries: 16,
    cacheMaxAge: 10 * 60_000,
    rateLimit: true,
    jwksRequestsPerMinute: 10,
  });

  // jsonwebtoken re-parses a PEM string on every verify; a parsed KeyObject per key is reused.
  const parsedKeys = new Map<string, KeyObject>();

  async function publicKey(kid: string): Promise<KeyObject> {
    try {
      const pem = (await keys.getSigningKey(kid)).getPublicKey();
      let key = parsedKeys.get(pem);
      if (!key) {
        key = createPublicKey(pem);
        parsedKeys.set(pem, key);
      }
      return key;
    } catch (err) {
      // The JWKS answered and lacks the kid, or the limit stops a flood of made-up kids: the token's fault.
      if (err instanceof SigningKeyNotFoundError) throw invalidToken();
      // But while fetching the keys fails, the limit is hit by the outage's retries: still not the token's fault.
      if (err instanceof JwksRateLimitError && !fetchFailing) throw invalidToken();
      // Not the caller's fault: a 401 would make clients drop a token that is probably fine.
      throw new AppError("UPSTREAM_UNAVAILABLE", "Access tokens cannot be verified right now", 503);
    }
  }

  const verifiedTokens = new Map<string, { principal: Principal; until: number }>();

  function remember(token: string, principal: Principal, claims: unknown): void {
    const exp = (claims as { exp?: unknown }).exp;
    if (typeof exp !== "number") return;
    const until = Math.min(exp * 1000, Date.now() + VERIFIED_TOKEN_MAX_AGE_MS);
    verifiedTokens.set(token, { principal, until });
    // A Map iterates in insertion order: the first key is the oldest.
    if (verifiedTokens.size > VERIFIED_TOKENS_MAX) verifiedTokens.delete(verifiedTokens.keys().next().value as string);
  }

  function recalled(token: string): Principal | undefined {
    const entry = verifiedTokens.get(token);
    if (!entry) return undefined;
    if (entry.until <= Date.now()) {
      verifiedTokens.delete(token);
      return undefined;
    }
    return copyOf(entry.principal);
  }

  return {
    async verify(token) {
      const known = recalled(token);
      if (known) return known;
      const decoded = jwt.decode(token, { complete: true });
      // Checked before any key lookup, so malformed or foreign tokens never reach the JWKS.
      if (!decoded || decoded.header.alg !== ALGORITHM || typeof decoded.header.kid !== "string") {
        throw invalidToken();
      }
      const key = await publicKey(decoded.header.kid);
      let claims: unknown;
      try {
        claims = jwt.verify(token, key, {
          algorithms: [ALGORITHM],
          issuer: options.issuer,
          audience: options.audience,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        });
      } catch (err) {
        if (err instanceof jwt.TokenExpiredError) throw unauthenticated("Access token expired", "TOKEN_EXPIRED");
        throw invalidToken();
      }
      const principal = principalFromClaims(claims);
      if (!principal) throw invalidToken();
      remember(token, principal, claims);
      return copyOf(principal);
    },
  };
}

/** Whoever receives a principal may change it without touching the remembered one. */
function copyOf(principal: Principal): Principal {
  return { ...principal, roles: [...principal.roles], permissions: [...principal.permissions] };
}

function invalidToken(): AppError {
  return unauthenticated("Invalid access token");
}
