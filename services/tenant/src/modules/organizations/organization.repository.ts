/** Prisma queries for organizations. Every function takes the organization id first. */
import type { Tx } from "../../db";
import type { Organization, OrganizationStatus } from "../../generated/prisma/client";

export type OrganizationFields = Pick<Organization, "name" | "slug" | "baseCurrency" | "timezone">;

export function organizationRepository(tx: Tx) {
  return {
    findById: (organizationId: string) => tx.organization.findUnique({ where: { id: organizationId } }),

    create: (organizationId: string, fields: OrganizationFields) =>
      tx.organization.create({ data: { id: organizationId, ...fields, status: "pending" } }),

    update: (organizationId: string, fields: Partial<OrganizationFields>) =>
      tx.organization.update({ where: { id: organizationId }, data: fields }),

    setStatus: (organizationId: string, status: OrganizationStatus) =>
      tx.organization.update({ where: { id: organizationId }, data: { status } }),

    /** Deletes it with everything of it (subscription, modules, settings cascade). */
    deletePending: (organizationId: string, createdBefore?: Date) =>
      tx.organization.deleteMany({
        where: { id: organizationId, status: "pending", ...(createdBefore ? { createdAt: { lt: createdBefore } } : {}) },
      }),
  };
}

/** The sweeper's queue: ids of organizations created by registration and not yet activated. */
export function pendingOrganizationRepository(tx: Tx) {
  return {
    add: (organizationId: string) => tx.pendingOrganization.create({ data: { organizationId } }),

    remove: (organizationId: string) => tx.pendingOrganization.deleteMany({ where: { organizationId } }),

    /** Not organization-scoped on purpose: this is how the sweeper finds whom to visit. */
    listCreatedBefore: (cutoff: Date, limit: number) =>
      tx.pendingOrganization.findMany({ where: { createdAt: { lt: cutoff } }, orderBy: { createdAt: "asc" }, take: limit }),
  };
}
