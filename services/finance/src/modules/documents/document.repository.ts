/** Queries of documents (invoices, credit notes, bills) and their lines; the organization id comes first and is part of every filter. */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";

export const withLines = { lines: { orderBy: { lineNumber: "asc" } }, party: { select: { displayName: true } } } as const;

export type DocumentWithLines = Prisma.DocumentGetPayload<{ include: typeof withLines }>;

export function documentRepository(tx: Tx) {
  const find = (organizationId: OrganizationId, id: string) => tx.document.findFirst({ where: { organizationId, id }, include: withLines });
  return {
    find,

    /** The document with its lines, its row locked until the transaction ends (issued, voided, settled or edited meanwhile: wait). */
    findForUpdate: async (organizationId: OrganizationId, id: string): Promise<DocumentWithLines | null> => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM documents WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid FOR UPDATE`;
      return locked.length > 0 ? find(organizationId, id) : null;
    },

    /**
     * The documents `ids` (those of the organization), rows locked in id order (the lock order every
     * transaction follows, so two settling the same documents never deadlock), without lines.
     */
    lockMany: async (organizationId: OrganizationId, ids: readonly string[]) => {
      const unique = [...new Set(ids)].sort();
      if (unique.length === 0) return [];
      await tx.$queryRaw`
        SELECT id FROM documents WHERE organization_id = ${organizationId}::uuid AND id = ANY(${unique}::uuid[]) ORDER BY id FOR UPDATE`;
      return tx.document.findMany({ where: { organizationId, id: { in: unique } }, orderBy: { id: "asc" } });
    },

    update: (organizationId: OrganizationId, id: string, data: Prisma.DocumentUncheckedUpdateInput) =>
      tx.document.update({ where: { id, organizationId }, data }),
  };
}
