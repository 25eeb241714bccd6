/** Prisma queries for accounts; the organization id comes first and is part of every filter. */
import { keysetFindMany, textSearch, type KeysetWindow } from "@erp/db";
import { Decimal } from "@erp/money";
import type { OrganizationId } from "@erp/scope";
import { normaliseCode } from "../../codes";
import type { Tx } from "../../db";
import type { Account, Prisma } from "../../generated/prisma/client";
import type { AccountFilters } from "./account.schemas";

/** An account with its parent's code (CSV rows name parents by code). */
export type AccountWithParentCode = Account & { parent: { code: string } | null };

/** Posted totals of accounts, per currency: in it and in the base currency. */
export interface CurrencyTotals {
  currency: string;
  debit: Decimal;
  credit: Decimal;
  baseDebit: Decimal;
  baseCredit: Decimal;
}

export function accountRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId, id: string) => tx.account.findFirst({ where: { organizationId, id } }),

    /** The account, its row locked until the transaction ends (postings to it hold a share lock). */
    findForUpdate: async (organizationId: OrganizationId, id: string) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM accounts WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid FOR UPDATE`;
      return locked.length > 0 ? tx.account.findFirst({ where: { organizationId, id } }) : null;
    },

    findMany: (organizationId: OrganizationId, ids: string[]) => tx.account.findMany({ where: { organizationId, id: { in: ids } } }),

    /**
     * The accounts whose code equals one of `codes` ignoring case and surrounding whitespace, as
     * the unique index compares them (and served by it), with their parent's code.
     */
    findByCodes: async (organizationId: OrganizationId, codes: string[]): Promise<AccountWithParentCode[]> => {
      if (codes.length === 0) return [];
      const ids = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM accounts
        WHERE organization_id = ${organizationId}::uuid AND lower(btrim(code)) = ANY(${codes.map(normaliseCode)}::text[])`;
      if (ids.length === 0) return [];
      return tx.account.findMany({
        where: { organizationId, id: { in: ids.map((row) => row.id) } },
        include: { parent: { select: { code: true } } },
      });
    },

    /** The active posting account of `subtype` with the lowest code, if any. */
    firstOfSubtype: (organizationId: OrganizationId, subtype: Account["subtype"] & string) =>
      tx.account.findFirst({ where: { organizationId, subtype, isGroup: false, archivedAt: null }, orderBy: { code: "asc" } }),

    create: (organizationId: OrganizationId, data: Omit<Prisma.AccountUncheckedCreateInput, "organizationId">) =>
      tx.account.create({ data: { ...data, organizationId } }),

    update: (organizationId: OrganizationId, id: string, data: Prisma.AccountUncheckedUpdateInput) =>
      tx.account.update({ where: { id, organizationId }, data }),

    delete: (organizationId: OrganizationId, id: string) => tx.account.delete({ where: { id, organizationId } }),

    list: (organizationId: OrganizationId, filters: AccountFilters, window: KeysetWindow) =>
      keysetFindMany(tx.account, window, {
        AND: [
          { organizationId },
          filters.type ? { type: filters.type } : {},
          filters.subtype ? { subtype: filters.subtype } : {},
          filters.isGroup !== undefined ? { isGroup: filters.isGroup } : {},
          filters.status === "active" ? { archivedAt: null } : filters.status === "archived" ? { archivedAt: { not: null } } : {},
          filters.parentId ? { parentId: filters.parentId } : {},
          textSearch<Prisma.AccountWhereInput>(filters.q, ["code", "name"]),
        ],
      }),

    /** Every account matching the filters, by code (a chart holds hundreds, not millions). */
    all: (organizationId: OrganizationId, filters: Omit<AccountFilters, "parentId">) =>
      tx.account.findMany({
        where: {
          AND: [
            { organizationId },
            filters.type ? { type: filters.type } : {},
            filters.subtype ? { subtype: filters.subtype } : {},
            filters.isGroup !== undefined ? { isGroup: filters.isGroup } : {},
            filters.status === "active" ? { archivedAt: null } : filters.status === "archived" ? { archivedAt: { not: null } } : {},
            textSearch<Prisma.AccountWhereInput>(filters.q, ["code", "name"]),
          ],
        },
        include: { parent: { select: { code: true } } },
        orderBy: [{ code: "asc" }, { id: "asc" }],
      }),

    /** Whether any posted line is on the account. */
    hasPostings: async (organizationId: OrganizationId, id: string) =>
      (await tx.accountPeriodBalance.count({ where: { organizationId, accountId: id, lineCount: { gt: 0 } }, take: 1 })) > 0,

    /** Whether any line, draft or posted, is on the account. */
    hasLines: async (organizationId: OrganizationId, id: string) =>
      (await tx.journalLine.count({ where: { organizationId, accountId: id }, take: 1 })) > 0,

    hasChildren: async (organizationId: OrganizationId, id: string) =>
      (await tx.account.count({ where: { organizationId, parentId: id }, take: 1 })) > 0,

    hasActiveChildren: async (organizationId: OrganizationId, id: string) =>
      (await tx.account.count({ where: { organizationId, parentId: id, archivedAt: null }, take: 1 })) > 0,

    /** `id` and every account below it. */
    subtreeIds: async (organizationId: OrganizationId, id: string): Promise<string[]> => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        WITH RECURSIVE subtree AS (
          SELECT id FROM accounts WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid
          UNION ALL
          SELECT a.id FROM accounts a JOIN subtree s ON a.parent_id = s.id WHERE a.organization_id = ${organizationId}::uuid
        )
        SELECT id::text FROM subtree`;
      return rows.map((row) => row.id);
    },

    /** Posted totals of the accounts `ids`, summed per currency. */
    totals: async (organizationId: OrganizationId, ids: string[]): Promise<CurrencyTotals[]> => {
      const rows = await tx.accountPeriodBalance.groupBy({
        by: ["currency"],
        where: { organizationId, accountId: { in: ids } },
        _sum: { debit: true, credit: true, baseDebit: true, baseCredit: true },
        orderBy: { currency: "asc" },
      });
      const zero = new Decimal(0);
      return rows.map((row) => ({
        currency: row.currency,
        debit: row._sum.debit ?? zero,
        credit: row._sum.credit ?? zero,
        baseDebit: row._sum.baseDebit ?? zero,
        baseCredit: row._sum.baseCredit ?? zero,
      }));
    },
  };
}
