/** Prisma queries for invitations. Every function takes the organization id first, but the lookup by token. */
import { keysetFindMany } from "@erp/db";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Invitation, InvitationStatus, Prisma } from "../../generated/prisma/client";

export interface InvitationFilters {
  /** `expired` is a pending invitation past its expiry; `pending` excludes those. */
  status?: InvitationStatus | "expired";
  /** Only invitations older than this one (ids are time-ordered). */
  beforeId?: string;
}

export function invitationRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId, id: string) => tx.invitation.findFirst({ where: { organizationId, id } }),

    /**
     * Newest first by id (time-ordered uuids), `take` is `limit + 1`; with `count`, `rows.total`
     * is how many match the filters over all pages.
     */
    list: (organizationId: OrganizationId, filters: InvitationFilters, window: { limit: number; count?: boolean }, now: Date) => {
      const status: Prisma.InvitationWhereInput =
        filters.status === "expired"
          ? { status: "pending", expiresAt: { lte: now } }
          : filters.status === "pending"
            ? { status: "pending", expiresAt: { gt: now } }
            : filters.status
              ? { status: filters.status }
              : {};
      const { beforeId } = filters;
      return keysetFindMany(
        tx.invitation,
        { sort: { field: "id", direction: "desc" }, after: beforeId ? { value: beforeId, id: beforeId } : undefined, ...window },
        { organizationId, ...status },
      );
    },

    countPendingFor: (organizationId: OrganizationId, email: string, now: Date) =>
      tx.invitation.count({ where: { organizationId, email, status: "pending", expiresAt: { gt: now } } }),

    create: (organizationId: OrganizationId, invitation: Omit<Prisma.InvitationUncheckedCreateInput, "organizationId">) =>
      tx.invitation.create({ data: { ...invitation, organizationId } }),

    revoke: (organizationId: OrganizationId, id: string) => tx.invitation.update({ where: { id, organizationId }, data: { status: "revoked" } }),

    /** Uses the invitation up if it is still pending and unexpired; true when this call did. */
    accept: async (organizationId: OrganizationId, id: string, userId: string, now: Date): Promise<boolean> => {
      const used = await tx.invitation.updateMany({
        where: { id, organizationId, status: "pending", expiresAt: { gt: now } },
        data: { status: "accepted", acceptedBy: userId },
      });
      return used.count === 1;
    },

    /**
     * The invitation whose token hashes to `tokenHash`, in any organization: the `invitation_token_read`
     * policy shows the one invitation whose hash the transaction declares.
     */
    async findByTokenHash(tokenHash: string): Promise<Invitation | null> {
      await tx.$executeRaw`select set_config('app.invitation_token_hash', ${tokenHash}, true)`;
      return tx.invitation.findUnique({ where: { tokenHash } });
    },

    deleteAll: (organizationId: OrganizationId) => tx.invitation.deleteMany({ where: { organizationId } }),
  };
}
