/**
 * Called by the users service when a member is deactivated: every session of the user in that
 * organization ends at once, its access tokens included (refresh would refuse the refresh tokens
 * anyway, since it asks the users service; this also ends the access tokens and tells consumers).
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../database";
import { announceRevocation, type RevocationDeps } from "./announce-revocation";
import { refreshTokenRepository } from "./refresh-token.repository";

/** Ends `input.userId`'s sessions in `scope.organizationId`; answers how many were live. */
export async function revokeMemberSessions(
  tx: Tx,
  scope: Scope,
  input: { userId: string },
  deps: RevocationDeps,
): Promise<{ revokedSessions: number }> {
  const { organizationId } = scope;
  const { userId } = input;
  const accessTokensIssuedSince = new Date(Date.now() - deps.accessTokens.ttlSeconds * 1000);
  const families = await refreshTokenRepository.revokeForMember(tx, userId, organizationId, "membership_inactive", accessTokensIssuedSince);
  for (const familyId of families) await announceRevocation(tx, deps, { organizationId, familyId, userId }, "membership_inactive");
  return { revokedSessions: families.length };
}
