/** Queries of exchange rates; the organization id comes first and is part of every filter. */
import { keysetFindMany, type KeysetWindow } from "@erp/db";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { ExchangeRateListQuery } from "./exchange-rate.schemas";

const day = (date: string) => new Date(`${date}T00:00:00.000Z`);

export function exchangeRateRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId, id: string) => tx.exchangeRate.findFirst({ where: { organizationId, id } }),

    /** The rate, locked until the transaction ends: its change and the change's event are one, in order. */
    findForUpdate: async (organizationId: OrganizationId, id: string) => {
      const [locked] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM exchange_rates WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid FOR UPDATE`;
      return locked ? tx.exchangeRate.findFirst({ where: { organizationId, id } }) : null;
    },

    findOn: (organizationId: OrganizationId, currency: string, effectiveDate: string) =>
      tx.exchangeRate.findFirst({ where: { organizationId, currency, effectiveDate: day(effectiveDate) } }),

    create: (organizationId: OrganizationId, data: { id: string; currency: string; effectiveDate: string; rate: string }) =>
      tx.exchangeRate.create({ data: { ...data, organizationId, effectiveDate: day(data.effectiveDate) } }),

    update: (organizationId: OrganizationId, id: string, data: { rate: string }) => tx.exchangeRate.update({ where: { id, organizationId }, data }),

    delete: (organizationId: OrganizationId, id: string) => tx.exchangeRate.delete({ where: { id, organizationId } }),

    list: (organizationId: OrganizationId, filters: ExchangeRateListQuery, window: KeysetWindow) =>
      keysetFindMany<Prisma.ExchangeRateWhereInput, Prisma.ExchangeRateOrderByWithRelationInput, Awaited<ReturnType<typeof tx.exchangeRate.findFirstOrThrow>>>(
        tx.exchangeRate,
        window,
        {
          AND: [
            { organizationId },
            filters.currency ? { currency: filters.currency } : {},
            filters.from ? { effectiveDate: { gte: day(filters.from) } } : {},
            filters.to ? { effectiveDate: { lte: day(filters.to) } } : {},
          ],
        },
      ),
  };
}
