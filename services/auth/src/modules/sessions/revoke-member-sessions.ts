/**
 * When a member is deactivated every session of the user in that organization ends, its access
 * tokens included (refresh would refuse the refresh tokens anyway, since it asks the users
 * service; this also ends the access tokens and tells every verifier). Two ways in, both
 * idempotent: the users service calls right after its commit (the quick way), and auth consumes
 * its `user.membership.deactivated` event (the sure way: it heals a call that failed).
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../database";
import { announceRevocation, type RevocationDeps } from "./announce-revocation";
import { refreshTokenRepository } from "./refresh-token.repository";

/**
 * Ends `input.userId`'s sessions in `scope.organizationId` (those started before
 * `input.sessionsStartedBefore` when given); answers how many were live. A second call revokes
 * and announces nothing more.
 */
export async function revokeMemberSessions(
  tx: Tx,
  scope: Scope,
  input: { userId: string; sessionsStartedBefore?: Date },
  deps: RevocationDeps,
): Promise<{ revokedSessions: number }> {
  const { organizationId } = scope;
  const { userId } = input;
  const accessTokensIssuedSince = new Date(Date.now() - deps.accessTokens.ttlSeconds * 1000);
  const families = await refreshTokenRepository.revokeForMember(
    tx,
    userId,
    organizationId,
    "membership_inactive",
    accessTokensIssuedSince,
    input.sessionsStartedBefore,
  );
  for (const familyId of families) await announceRevocation(tx, deps, { organizationId, familyId, userId }, "membership_inactive");
  return { revokedSessions: families.length };
}
