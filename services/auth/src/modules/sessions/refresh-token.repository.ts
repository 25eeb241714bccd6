/**
 * Refresh-token rows. A family is one login session (its id is the access token's `sid`); each
 * refresh rotates to a new row in the same family.
 */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../database";
import { Prisma, type RefreshToken } from "../../generated/prisma/client";

export type RevocationReason = "logout" | "refresh_token_reuse" | "membership_inactive";

export const refreshTokenRepository = {
  create(
    tx: Tx,
    row: {
      id: string;
      familyId: string;
      userId: string;
      organizationId: string;
      tokenHash: string;
      sessionStartedAt: Date;
      expiresAt: Date;
    },
  ): Promise<RefreshToken> {
    return tx.refreshToken.create({ data: row });
  },

  findById(tx: Tx, id: string): Promise<RefreshToken | null> {
    return tx.refreshToken.findUnique({ where: { id } });
  },

  /**
   * Marks a live token as used. The conditional update takes the row lock, so of two concurrent
   * refreshes with the same token exactly one gets `true`.
   */
  async markRotated(tx: Tx, id: string, replacedBy: string): Promise<boolean> {
    const { count } = await tx.refreshToken.updateMany({
      where: { id, rotatedAt: null, revokedAt: null },
      data: { rotatedAt: new Date(), replacedBy },
    });
    return count === 1;
  },

  /**
   * Revokes every unrevoked token of the user's sessions in the organization (the member was
   * deactivated); returns the families that were still live: with a refresh token that had not
   * expired, or one issued since `accessTokensIssuedSince` (its access token may still be valid).
   * `sessionsStartedBefore`: only sessions started before then (a deactivation learnt from an event
   * leaves the sessions of a later reactivation alone). Idempotent: revoked tokens stay as they are.
   */
  async revokeForMember(
    tx: Tx,
    userId: string,
    organizationId: OrganizationId,
    reason: RevocationReason,
    accessTokensIssuedSince: Date,
    sessionsStartedBefore?: Date,
  ): Promise<string[]> {
    // One statement, so the families answered are the ones this call revoked: of two concurrent
    // calls (the users service's and the event's), the second waits on the row locks, finds the
    // tokens revoked and announces nothing.
    const startedBefore = sessionsStartedBefore ? Prisma.sql`and session_started_at < ${sessionsStartedBefore}` : Prisma.empty;
    const now = new Date();
    const rows = await tx.$queryRaw<{ family_id: string }[]>`
      with revoked as (
        update auth.refresh_tokens set revoked_at = ${now}, revoked_reason = ${reason}
        where user_id = ${userId}::uuid and organization_id = ${organizationId}::uuid and revoked_at is null ${startedBefore}
        returning family_id, expires_at, created_at)
      select distinct family_id::text from revoked where expires_at > ${now} or created_at >= ${accessTokensIssuedSince}`;
    return rows.map((row) => row.family_id);
  },

  /** Revokes every live token of the family; returns how many were still live. */
  async revokeFamily(tx: Tx, familyId: string, reason: RevocationReason): Promise<number> {
    const { count } = await tx.refreshToken.updateMany({
      where: { familyId, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: reason },
    });
    return count;
  },
};
