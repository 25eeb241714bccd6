/**
 * A revoked session must stop working everywhere, not only at its next refresh: every process
 * that verifies access tokens keeps a set of revoked sessions fed by `auth.session.revoked`. The
 * event is written in the transaction that revoked the refresh tokens, so it is published exactly
 * when the revocation commits; this instance refuses the session at once, after the commit.
 */
import type { RevokedSessions } from "@erp/auth-kit";
import { afterCommit } from "@erp/db";
import { appendToOutbox } from "@erp/events";
import type { Tx } from "../../database";
import { OUTBOX_SCHEMA, serviceActor, sessionRevoked } from "../../events";
import type { AccessTokens } from "./access-token";
import type { RevocationReason } from "./refresh-token.repository";

export interface RevocationDeps {
  /** Its lifetime bounds how long any access token of the session can still be presented. */
  accessTokens: Pick<AccessTokens, "ttlSeconds">;
  /**
   * This instance's own set (the one its authenticate middleware checks), told at commit. Without
   * one (an event consumer) the instance learns it from the broadcast like every other process.
   */
  revokedSessions?: RevokedSessions;
}

export interface RevokedFamily {
  organizationId: string;
  familyId: string;
  userId: string;
}

/** Writes `auth.session.revoked` for the family in `tx`; call it only when rows were actually revoked. */
export async function announceRevocation(tx: Tx, deps: RevocationDeps, family: RevokedFamily, reason: RevocationReason): Promise<void> {
  // Every access token of the session was signed before now, so none lives past this.
  const tokensExpireAt = new Date(Date.now() + deps.accessTokens.ttlSeconds * 1000);
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: sessionRevoked,
    organizationId: family.organizationId,
    aggregateType: "session",
    aggregateId: family.familyId,
    actor: reason === "logout" ? { type: "user", id: family.userId } : serviceActor,
    data: { userId: family.userId, sessionId: family.familyId, reason, tokensExpireAt: tokensExpireAt.toISOString() },
  });
  const { revokedSessions } = deps;
  if (revokedSessions) afterCommit(tx, () => revokedSessions.revoke(family.familyId, tokensExpireAt));
}
