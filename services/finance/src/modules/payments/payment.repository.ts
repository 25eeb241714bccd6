/** Queries of payments and their allocations; the organization id comes first and is part of every filter. */
import { keysetFindMany, textSearch, type KeysetWindow } from "@erp/db";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { PaymentListQuery, PaymentRow } from "./payment.schemas";

const withAllocations = {
  allocations: { include: { document: { select: { id: true, kind: true, number: true, currency: true } } } },
} as const;

const day = (date: string) => new Date(`${date}T00:00:00.000Z`);

export function paymentRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId, id: string): Promise<PaymentRow | null> =>
      tx.payment.findFirst({ where: { organizationId, id }, include: withAllocations }),

    /**
     * The payment with its allocations, its row locked FOR UPDATE until the transaction ends: the
     * first lock an allocation or a void takes (then the documents, then the ledger).
     */
    lock: async (organizationId: OrganizationId, id: string): Promise<PaymentRow | null> => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM payments WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid FOR UPDATE`;
      if (locked.length === 0) return null;
      return tx.payment.findFirst({ where: { organizationId, id }, include: withAllocations });
    },

    create: (organizationId: OrganizationId, data: Omit<Prisma.PaymentUncheckedCreateInput, "organizationId">) =>
      tx.payment.create({ data: { ...data, organizationId } }),

    update: (organizationId: OrganizationId, id: string, data: Prisma.PaymentUncheckedUpdateInput) =>
      tx.payment.update({ where: { id, organizationId }, data }),

    createAllocation: (organizationId: OrganizationId, data: Omit<Prisma.AllocationUncheckedCreateInput, "organizationId">) =>
      tx.allocation.create({ data: { ...data, organizationId } }),

    voidAllocations: (organizationId: OrganizationId, paymentId: string, at: Date) =>
      tx.allocation.updateMany({ where: { organizationId, paymentId, voidedAt: null }, data: { voidedAt: at } }),

    list: (organizationId: OrganizationId, filters: PaymentListQuery, window: KeysetWindow) =>
      keysetFindMany(
        {
          findMany: (args: Prisma.PaymentFindManyArgs) => tx.payment.findMany({ ...args, include: withAllocations }),
          count: (args: Prisma.PaymentCountArgs) => tx.payment.count(args),
        },
        window,
        {
          AND: [
            { organizationId },
            filters.direction ? { direction: filters.direction } : {},
            filters.partyId ? { partyId: filters.partyId } : {},
            filters.status ? { status: filters.status } : {},
            filters.from ? { paymentDate: { gte: day(filters.from) } } : {},
            filters.to ? { paymentDate: { lte: day(filters.to) } } : {},
            textSearch<Prisma.PaymentWhereInput>(filters.q, ["number", "reference"]),
          ],
        },
      ),

    account: (organizationId: OrganizationId, id: string) => tx.account.findFirst({ where: { organizationId, id } }),
  };
}
