/** Prisma queries for parties; every one is bounded by organization and kind. */
import { keysetArgs, textSearch } from "@erp/db";
import type { ListWindow } from "@erp/http-kit";
import type { Tx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { PartyFilters, PartyKind } from "./party.schemas";

const SEARCHED = ["code", "legalName", "displayName", "email", "taxId"] as const;

export function partyRepository(tx: Tx) {
  return {
    find: (organizationId: string, kind: PartyKind, id: string) => tx.party.findFirst({ where: { organizationId, kind, id } }),

    findBySourceReference: (organizationId: string, kind: PartyKind, sourceReference: string) =>
      tx.party.findFirst({ where: { organizationId, kind, sourceReference } }),

    /** Which of `codes` are taken already. */
    takenCodes: async (organizationId: string, kind: PartyKind, codes: string[]) =>
      (await tx.party.findMany({ where: { organizationId, kind, code: { in: codes } }, select: { code: true } })).map((p) => p.code),

    create: (organizationId: string, data: Omit<Prisma.PartyUncheckedCreateInput, "organizationId">) =>
      tx.party.create({ data: { ...data, organizationId } }),

    update: (organizationId: string, id: string, data: Prisma.PartyUncheckedUpdateInput) =>
      tx.party.update({ where: { id, organizationId }, data }),

    list: (organizationId: string, kind: PartyKind, filters: PartyFilters, window: ListWindow) => {
      const { where, orderBy, take } = keysetArgs<Prisma.PartyWhereInput, Prisma.PartyOrderByWithRelationInput>(window);
      return tx.party.findMany({
        where: {
          AND: [
            { organizationId, kind },
            filters.status ? { status: filters.status } : {},
            filters.tag ? { tags: { has: filters.tag } } : {},
            textSearch<Prisma.PartyWhereInput>(filters.q, SEARCHED),
            where,
          ],
        },
        orderBy,
        take,
      });
    },
  };
}
