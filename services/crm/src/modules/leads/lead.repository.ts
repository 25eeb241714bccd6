/** Prisma queries for leads; the organization id comes first and is part of every filter. */
import { keysetFindMany, textSearch } from "@erp/db";
import type { ListWindow } from "@erp/lists";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Lead, Prisma } from "../../generated/prisma/client";
import type { LeadListQuery } from "./lead.schemas";

export function leadRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId, id: string) => tx.lead.findFirst({ where: { organizationId, id } }),

    /** Locks the lead until the transaction ends: a second conversion (or change) waits, then sees the first. */
    lock: async (organizationId: OrganizationId, id: string) => {
      await tx.$executeRaw`SELECT 1 FROM leads WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    },

    /** The organization's leads among `ids` (others' ids find nothing). */
    findByIds: (organizationId: OrganizationId, ids: string[]) =>
      ids.length === 0 ? Promise.resolve([]) : tx.lead.findMany({ where: { organizationId, id: { in: ids } } }),

    /** The leads whose normalised email is one of `normalised`. */
    findByEmails: (organizationId: OrganizationId, normalised: string[]) =>
      normalised.length === 0 ? Promise.resolve([]) : tx.lead.findMany({ where: { organizationId, normalisedEmail: { in: normalised } } }),

    create: (organizationId: OrganizationId, data: Omit<Prisma.LeadUncheckedCreateInput, "organizationId">) =>
      tx.lead.create({ data: { ...data, organizationId } }),

    update: (organizationId: OrganizationId, id: string, data: Prisma.LeadUncheckedUpdateInput) =>
      tx.lead.update({ where: { id, organizationId }, data }),

    delete: (organizationId: OrganizationId, id: string) => tx.lead.delete({ where: { id, organizationId } }),

    /** A keyset page; q searches the name, the company name and the email address. */
    list: (organizationId: OrganizationId, filters: Pick<LeadListQuery, "status" | "ownerId" | "source" | "tag" | "companyId" | "q">, window: ListWindow) =>
      keysetFindMany<Prisma.LeadWhereInput, Prisma.LeadOrderByWithRelationInput, Lead>(tx.lead, window, {
        AND: [
          { organizationId },
          filters.status ? { status: filters.status } : {},
          filters.ownerId ? { ownerId: filters.ownerId } : {},
          filters.source ? { source: filters.source } : {},
          filters.tag ? { tags: { has: filters.tag } } : {},
          filters.companyId ? { companyId: filters.companyId } : {},
          textSearch<Prisma.LeadWhereInput>(filters.q, ["name", "companyName", "normalisedEmail"]),
        ],
      }),
  };
}
