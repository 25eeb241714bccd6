/** Queries of tax rates; the organization id comes first and is part of every filter. */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { TaxRateListQuery } from "./tax-rate.schemas";

const withAccount = { taxAccount: { select: { id: true, code: true, name: true } } } as const;

export function taxRateRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId, id: string) => tx.taxRate.findFirst({ where: { organizationId, id }, include: withAccount }),

    findByName: (organizationId: OrganizationId, name: string) => tx.taxRate.findFirst({ where: { organizationId, name } }),

    /** The active rates of `rate` percent usable for `usage` (theirs or both), by name. */
    findActiveOfRate: (organizationId: OrganizationId, rate: Prisma.Decimal | string, usage: "sales" | "purchase") =>
      tx.taxRate.findMany({
        where: { organizationId, rate, archivedAt: null, appliesTo: { in: [usage, "both"] } },
        orderBy: [{ name: "asc" }, { id: "asc" }],
      }),

    /** Every rate matching the filters, by name (an organization has a handful). */
    list: (organizationId: OrganizationId, filters: TaxRateListQuery) =>
      tx.taxRate.findMany({
        where: {
          organizationId,
          ...(filters.status === "active" ? { archivedAt: null } : filters.status === "archived" ? { archivedAt: { not: null } } : {}),
          ...(filters.usableFor ? { appliesTo: { in: [filters.usableFor, "both"] } } : {}),
        },
        include: withAccount,
        orderBy: [{ name: "asc" }, { id: "asc" }],
      }),

    create: (organizationId: OrganizationId, data: Omit<Prisma.TaxRateUncheckedCreateInput, "organizationId">) =>
      tx.taxRate.create({ data: { ...data, organizationId }, include: withAccount }),

    update: (organizationId: OrganizationId, id: string, data: Prisma.TaxRateUncheckedUpdateInput) =>
      tx.taxRate.update({ where: { id, organizationId }, data, include: withAccount }),

    delete: (organizationId: OrganizationId, id: string) => tx.taxRate.delete({ where: { id, organizationId } }),

    account: (organizationId: OrganizationId, id: string) => tx.account.findFirst({ where: { organizationId, id } }),

    /** The active posting account of subtype tax and `type` with the lowest code, if any. */
    defaultTaxAccount: (organizationId: OrganizationId, type: "asset" | "liability") =>
      tx.account.findFirst({ where: { organizationId, subtype: "tax", type, isGroup: false, archivedAt: null }, orderBy: { code: "asc" } }),
  };
}
