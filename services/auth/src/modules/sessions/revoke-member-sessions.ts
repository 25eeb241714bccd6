/**
 * Called by the users service when a member is deactivated: every session of the user in that
 * organization ends at once, its access tokens included (refresh would refuse the refresh tokens
 * anyway, since it asks the users service; this also ends the access tokens and tells consumers).
 */
import type { AuthDatabase } from "../../database";
import { announceRevocation, type RevocationDeps } from "./announce-revocation";
import { refreshTokenRepository } from "./refresh-token.repository";

export async function revokeMemberSessions(
  deps: RevocationDeps & { db: AuthDatabase },
  userId: string,
  organizationId: string,
): Promise<{ revokedSessions: number }> {
  return deps.db.withOrganization(organizationId, async (tx) => {
    const accessTokensIssuedSince = new Date(Date.now() - deps.accessTokens.ttlSeconds * 1000);
    const families = await refreshTokenRepository.revokeForMember(tx, userId, organizationId, "membership_inactive", accessTokensIssuedSince);
    for (const familyId of families) await announceRevocation(tx, deps, { organizationId, familyId, userId }, "membership_inactive");
    return { revokedSessions: families.length };
  });
}
