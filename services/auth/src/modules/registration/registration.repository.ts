/**
 * Registrations in flight (the saga's log; not organization-scoped, no RLS). A row exists from
 * just before tenant is asked to create the organization until the user is committed, or the
 * registration was undone, or the reconciler settled it.
 */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../database";
import type { Registration } from "../../generated/prisma/client";

export const registrationRepository = {
  begin(tx: Tx, row: { organizationId: string; userId: string; email: string; name: string; passwordHash: string }): Promise<Registration> {
    return tx.registration.create({ data: row });
  },

  /**
   * Ends the registration's row; false when it is gone (the reconciler settled it meanwhile).
   * In the registration's own transaction this also locks the row, so the reconciler skips a
   * registration that is still committing.
   */
  async finish(tx: Tx, organizationId: OrganizationId): Promise<boolean> {
    const { count } = await tx.registration.deleteMany({ where: { organizationId } });
    return count === 1;
  },

  /** Rows older than `cutoff`, oldest first. */
  listStale(tx: Tx, cutoff: Date, limit: number): Promise<Pick<Registration, "organizationId">[]> {
    return tx.registration.findMany({
      where: { createdAt: { lt: cutoff } },
      orderBy: { createdAt: "asc" },
      take: limit,
      select: { organizationId: true },
    });
  },

  /**
   * Locks the row for the rest of `tx` if it is still older than `cutoff` and nobody holds it
   * (a registration committing, another instance's reconciler); null otherwise.
   */
  async claim(tx: Tx, organizationId: OrganizationId, cutoff: Date): Promise<Registration | null> {
    const rows = await tx.$queryRaw<Registration[]>`
      SELECT organization_id AS "organizationId", user_id AS "userId", email, name,
             password_hash AS "passwordHash", created_at AS "createdAt"
        FROM auth.registrations
       WHERE organization_id = ${organizationId}::uuid AND created_at < ${cutoff}
         FOR UPDATE SKIP LOCKED`;
    return rows[0] ?? null;
  },
};
