/** Prisma queries for companies; the organization id comes first and is part of every filter. */
import { keysetFindMany, textSearch } from "@erp/db";
import type { ListWindow } from "@erp/lists";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Company, Prisma } from "../../generated/prisma/client";
import type { CompanyListQuery } from "./company.schemas";

export function companyRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId, id: string) => tx.company.findFirst({ where: { organizationId, id } }),

    lock: async (organizationId: OrganizationId, id: string) => {
      await tx.$executeRaw`SELECT 1 FROM companies WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    },

    /** The organization's companies among `ids` (others' ids find nothing). */
    findByIds: (organizationId: OrganizationId, ids: string[]) =>
      ids.length === 0 ? Promise.resolve([]) : tx.company.findMany({ where: { organizationId, id: { in: ids } } }),

    /** The companies whose (normalised) domain is one of `domains`. */
    findByDomains: (organizationId: OrganizationId, domains: string[]) =>
      domains.length === 0 ? Promise.resolve([]) : tx.company.findMany({ where: { organizationId, domain: { in: domains } } }),

    /** Waits until no other transaction is creating a company with `domain` (until this one ends). */
    lockDomain: async (organizationId: OrganizationId, domain: string) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`crm:${organizationId}:domain:${domain}`}, 0))`;
    },

    create: (organizationId: OrganizationId, data: Omit<Prisma.CompanyUncheckedCreateInput, "organizationId">) =>
      tx.company.create({ data: { ...data, organizationId } }),

    update: (organizationId: OrganizationId, id: string, data: Prisma.CompanyUncheckedUpdateInput) =>
      tx.company.update({ where: { id, organizationId }, data }),

    delete: (organizationId: OrganizationId, id: string) => tx.company.delete({ where: { id, organizationId } }),

    /** How many contacts and opportunities refer to the company. */
    references: async (organizationId: OrganizationId, id: string) => ({
      contacts: await tx.contact.count({ where: { organizationId, companyId: id } }),
      opportunities: await tx.opportunity.count({ where: { organizationId, companyId: id } }),
    }),

    /** A keyset page; q searches the name and the domain. */
    list: (organizationId: OrganizationId, filters: Pick<CompanyListQuery, "ownerId" | "tag" | "industry" | "q">, window: ListWindow) =>
      keysetFindMany<Prisma.CompanyWhereInput, Prisma.CompanyOrderByWithRelationInput, Company>(tx.company, window, {
        AND: [
          { organizationId },
          filters.ownerId ? { ownerId: filters.ownerId } : {},
          filters.tag ? { tags: { has: filters.tag } } : {},
          filters.industry ? { industry: { equals: filters.industry, mode: "insensitive" } } : {},
          textSearch<Prisma.CompanyWhereInput>(filters.q, ["name", "domain"]),
        ],
      }),
  };
}
