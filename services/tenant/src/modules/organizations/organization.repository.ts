/** Prisma queries for organizations. Every function takes the organization id first. */
import { isUniqueViolation } from "@erp/db";
import { organizationIdOf, type OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Organization, OrganizationStatus } from "../../generated/prisma/client";

export type OrganizationFields = Pick<Organization, "name" | "slug" | "baseCurrency" | "timezone">;

export function organizationRepository(tx: Tx) {
  return {
    findById: (organizationId: OrganizationId) => tx.organization.findUnique({ where: { id: organizationId } }),

    /**
     * Creates it in status `pending`, or answers null, with the transaction still usable, when a
     * unique constraint refuses it (its slug is taken, or its id was just created concurrently).
     * A savepoint keeps the failed insert from aborting the caller's transaction.
     */
    async createUnlessTaken(organizationId: OrganizationId, fields: OrganizationFields): Promise<Organization | null> {
      await tx.$executeRaw`SAVEPOINT create_organization`;
      try {
        const organization = await tx.organization.create({ data: { id: organizationId, ...fields, status: "pending" } });
        await tx.$executeRaw`RELEASE SAVEPOINT create_organization`;
        return organization;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        await tx.$executeRaw`ROLLBACK TO SAVEPOINT create_organization`;
        return null;
      }
    },

    update: (organizationId: OrganizationId, fields: Partial<OrganizationFields>) =>
      tx.organization.update({ where: { id: organizationId }, data: fields }),

    /**
     * `update` on condition that the books are not opened, in the same statement: an UPDATE that
     * waited for a concurrent `openBooks` re-reads the row, so the two cannot both pass. Null when
     * the books are opened.
     */
    updateWhileBooksClosed: async (organizationId: OrganizationId, fields: Partial<OrganizationFields>): Promise<Organization | null> => {
      const [updated] = await tx.organization.updateManyAndReturn({ where: { id: organizationId, booksOpenedAt: null }, data: fields });
      return updated ?? null;
    },

    /** Records that the books are opened, the first time only; null when they were already (or there is no such organization). */
    openBooks: async (organizationId: OrganizationId, booksCurrency: string, booksOpenedAt: Date): Promise<Organization | null> => {
      const [opened] = await tx.organization.updateManyAndReturn({
        where: { id: organizationId, booksOpenedAt: null },
        data: { booksCurrency, booksOpenedAt },
      });
      return opened ?? null;
    },

    setStatus: (organizationId: OrganizationId, status: OrganizationStatus) =>
      tx.organization.update({ where: { id: organizationId }, data: { status } }),

    /** Deletes it with everything of it (subscription, modules, settings cascade). */
    deletePending: (organizationId: OrganizationId, createdBefore?: Date) =>
      tx.organization.deleteMany({
        where: { id: organizationId, status: "pending", ...(createdBefore ? { createdAt: { lt: createdBefore } } : {}) },
      }),
  };
}

/** The sweeper's queue: ids of organizations created by registration and not yet activated. */
export function pendingOrganizationRepository(tx: Tx) {
  return {
    add: (organizationId: OrganizationId) => tx.pendingOrganization.create({ data: { organizationId } }),

    remove: (organizationId: OrganizationId) => tx.pendingOrganization.deleteMany({ where: { organizationId } }),

    /** Not organization-scoped on purpose: this is how the sweeper finds whom to visit. */
    listCreatedBefore: async (cutoff: Date, limit: number) =>
      (await tx.pendingOrganization.findMany({ where: { createdAt: { lt: cutoff } }, orderBy: { createdAt: "asc" }, take: limit })).map(
        (pending) => ({ ...pending, organizationId: organizationIdOf(pending.organizationId) }),
      ),
  };
}
