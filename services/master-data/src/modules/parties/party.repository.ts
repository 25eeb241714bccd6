/** Prisma queries for parties; every one is bounded by organization and kind. */
import { keysetFindMany, textSearch } from "@erp/db";
import type { ListWindow } from "@erp/lists";
import type { OrganizationId } from "@erp/scope";
import { normaliseCode } from "../../codes";
import type { Tx } from "../../db";
import type { Party, Prisma } from "../../generated/prisma/client";
import type { PartyFilters, PartyKind } from "./party.schemas";

/**
 * What `q` searches: code, names, email and tax id, joined in one generated column with one
 * trigram index (an OR over five columns made PostgreSQL scan the table).
 */
const SEARCHED = ["searchText"] as const;

export function partyRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId, kind: PartyKind, id: string) => tx.party.findFirst({ where: { organizationId, kind, id } }),

    findBySourceReference: (organizationId: OrganizationId, kind: PartyKind, sourceReference: string) =>
      tx.party.findFirst({ where: { organizationId, kind, sourceReference } }),

    /**
     * Waits until no other transaction is creating a party from `sourceReference` (a lock held until
     * this transaction ends), so that a concurrent delivery of the same source finds the first one's.
     */
    lockSourceReference: async (organizationId: OrganizationId, kind: PartyKind, sourceReference: string) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${organizationId}:${kind}:${sourceReference}`}, 0))`;
    },

    /**
     * The parties whose code equals one of `codes` ignoring case and surrounding whitespace, as
     * the unique index compares them (and served by it).
     */
    findByCodes: async (organizationId: OrganizationId, kind: PartyKind, codes: string[]) => {
      if (codes.length === 0) return [];
      const ids = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM parties
        WHERE organization_id = ${organizationId}::uuid AND kind = ${kind}::party_kind
          AND lower(btrim(code)) = ANY(${codes.map(normaliseCode)}::text[])`;
      if (ids.length === 0) return [];
      return tx.party.findMany({ where: { organizationId, kind, id: { in: ids.map((row) => row.id) } } });
    },

    create: (organizationId: OrganizationId, data: Omit<Prisma.PartyUncheckedCreateInput, "organizationId">) =>
      tx.party.create({ data: { ...data, organizationId } }),

    update: (organizationId: OrganizationId, id: string, data: Prisma.PartyUncheckedUpdateInput) =>
      tx.party.update({ where: { id, organizationId }, data }),

    /** A keyset page (limit + 1 rows) of matching parties; `rows.total` too when the window asks (`count=true`). */
    list: (organizationId: OrganizationId, kind: PartyKind, filters: PartyFilters, window: ListWindow) =>
      keysetFindMany<Prisma.PartyWhereInput, Prisma.PartyOrderByWithRelationInput, Party>(tx.party, window, {
        AND: [
          { organizationId, kind },
          filters.status ? { status: filters.status } : {},
          filters.tag ? { tags: { has: filters.tag } } : {},
          textSearch<Prisma.PartyWhereInput>(filters.q, SEARCHED),
        ],
      }),
  };
}
