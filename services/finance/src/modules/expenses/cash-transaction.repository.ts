/** Queries of expenses and other revenue; the organization id comes first and is part of every filter. */
import { keysetFindMany, textSearch, type KeysetWindow } from "@erp/db";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { CashTransaction, CashTransactionKind, Prisma } from "../../generated/prisma/client";
import type { CashTransactionListQuery } from "./cash-transaction.schemas";

const day = (date: string) => new Date(`${date}T00:00:00.000Z`);

export function cashTransactionRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId, kind: CashTransactionKind, id: string): Promise<CashTransaction | null> =>
      tx.cashTransaction.findFirst({ where: { organizationId, kind, id } }),

    /** The row locked FOR UPDATE until the transaction ends (a void), or null. */
    lock: async (organizationId: OrganizationId, kind: CashTransactionKind, id: string): Promise<CashTransaction | null> => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM cash_transactions
        WHERE organization_id = ${organizationId}::uuid AND kind = ${kind}::cash_transaction_kind AND id = ${id}::uuid FOR UPDATE`;
      if (locked.length === 0) return null;
      return tx.cashTransaction.findFirst({ where: { organizationId, kind, id } });
    },

    create: (organizationId: OrganizationId, data: Omit<Prisma.CashTransactionUncheckedCreateInput, "organizationId">) =>
      tx.cashTransaction.create({ data: { ...data, organizationId } }),

    update: (organizationId: OrganizationId, id: string, data: Prisma.CashTransactionUncheckedUpdateInput) =>
      tx.cashTransaction.update({ where: { id, organizationId }, data }),

    list: (organizationId: OrganizationId, kind: CashTransactionKind, filters: CashTransactionListQuery, window: KeysetWindow) =>
      keysetFindMany(
        {
          findMany: (args: Prisma.CashTransactionFindManyArgs) => tx.cashTransaction.findMany(args),
          count: (args: Prisma.CashTransactionCountArgs) => tx.cashTransaction.count(args),
        },
        window,
        {
          AND: [
            { organizationId, kind },
            filters.accountId ? { accountId: filters.accountId } : {},
            filters.bankAccountId ? { bankAccountId: filters.bankAccountId } : {},
            filters.partyId ? { partyId: filters.partyId } : {},
            filters.status ? { status: filters.status } : {},
            filters.from ? { date: { gte: day(filters.from) } } : {},
            filters.to ? { date: { lte: day(filters.to) } } : {},
            textSearch<Prisma.CashTransactionWhereInput>(filters.q, ["number", "counterparty", "reference"]),
          ],
        },
      ),
  };
}
