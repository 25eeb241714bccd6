/**
 * Memberships (RLS'd by organization). Organization-scoped functions expect a transaction from
 * `withOrganization(organizationId)` and still filter by it, so a missing context fails closed.
 */
import type { Tx } from "../../database";
import type { Membership } from "../../generated/prisma/client";

export const membershipRepository = {
  find(tx: Tx, organizationId: string, userId: string): Promise<Membership | null> {
    return tx.membership.findUnique({ where: { organizationId_userId: { organizationId, userId } } });
  },

  create(tx: Tx, organizationId: string, membership: { userId: string; roles: string[] }): Promise<Membership> {
    return tx.membership.create({ data: { organizationId, ...membership } });
  },

  /**
   * The user's active memberships in every organization, oldest first. Runs under the
   * `member_self_read` policy: the transaction declares the user, whose password was verified.
   */
  async listActiveForUser(tx: Tx, userId: string): Promise<Membership[]> {
    await tx.$executeRaw`select set_config('app.user_id', ${userId}, true)`;
    return tx.membership.findMany({
      where: { userId, status: "active" },
      orderBy: [{ createdAt: "asc" }, { organizationId: "asc" }],
    });
  },
};
