/** Queries of bank transfers; the organization id comes first and is part of every filter. */
import { keysetFindMany, textSearch, type KeysetWindow } from "@erp/db";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { BankTransferListQuery } from "./bank-transfer.schemas";

const day = (date: string) => new Date(`${date}T00:00:00.000Z`);

export function bankTransferRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId, id: string) => tx.bankTransfer.findFirst({ where: { organizationId, id } }),

    /** The transfer's row locked FOR UPDATE until the transaction ends. */
    lock: async (organizationId: OrganizationId, id: string) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM bank_transfers WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid FOR UPDATE`;
      return locked.length > 0 ? tx.bankTransfer.findFirst({ where: { organizationId, id } }) : null;
    },

    update: (organizationId: OrganizationId, id: string, data: Prisma.BankTransferUncheckedUpdateInput) =>
      tx.bankTransfer.update({ where: { id, organizationId }, data }),

    create: (organizationId: OrganizationId, data: Omit<Prisma.BankTransferUncheckedCreateInput, "organizationId">) =>
      tx.bankTransfer.create({ data: { ...data, organizationId } }),

    list: (organizationId: OrganizationId, filters: BankTransferListQuery, window: KeysetWindow) =>
      keysetFindMany(
        { findMany: (args: Prisma.BankTransferFindManyArgs) => tx.bankTransfer.findMany(args), count: (args: Prisma.BankTransferCountArgs) => tx.bankTransfer.count(args) },
        window,
        {
          AND: [
            { organizationId },
            filters.bankAccountId ? { OR: [{ fromBankAccountId: filters.bankAccountId }, { toBankAccountId: filters.bankAccountId }] } : {},
            filters.from ? { transferDate: { gte: day(filters.from) } } : {},
            filters.to ? { transferDate: { lte: day(filters.to) } } : {},
            textSearch<Prisma.BankTransferWhereInput>(filters.q, ["number", "reference"]),
          ],
        },
      ),
  };
}
