/**
 * Called by the users service when a member is deactivated: every refresh token of the user in
 * that organization stops working at once (refresh would refuse them anyway, since it asks the
 * users service; this also ends sessions that never refresh again and tells consumers).
 */
import type { AuthDatabase } from "../../database";
import { announceRevocation } from "./refresh-session";
import { refreshTokenRepository } from "./refresh-token.repository";

export async function revokeMemberSessions(deps: { db: AuthDatabase }, userId: string, organizationId: string): Promise<{ revokedSessions: number }> {
  return deps.db.withOrganization(organizationId, async (tx) => {
    const families = await refreshTokenRepository.revokeForMember(tx, userId, organizationId, "membership_inactive");
    for (const familyId of families) await announceRevocation(tx, { organizationId, familyId, userId }, "membership_inactive");
    return { revokedSessions: families.length };
  });
}
