/** Queries of documents (invoices, credit notes, bills) and their lines; the organization id comes first and is part of every filter. */
import { keysetFindMany, textSearch, type KeysetWindow } from "@erp/db";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { DocumentKind, Prisma } from "../../generated/prisma/client";
import type { DocumentListFilters } from "./document.schemas";

export const withLines = {
  lines: { orderBy: { lineNumber: "asc" } },
  party: { select: { displayName: true } },
  creditNotes: { select: { id: true, number: true, issueDate: true, total: true, amountDue: true, status: true }, orderBy: { createdAt: "asc" } },
} as const;

export type DocumentWithLines = Prisma.DocumentGetPayload<{ include: typeof withLines }>;

/** A line as it is written (the document and organization ids are added). */
export type LineRow = Omit<Prisma.DocumentLineUncheckedCreateInput, "organizationId" | "documentId">;

const OPEN_STATUSES = ["issued", "approved", "partially_paid"] as const;

export function documentRepository(tx: Tx) {
  const find = (organizationId: OrganizationId, id: string) => tx.document.findFirst({ where: { organizationId, id }, include: withLines });
  return {
    find,

    /** The document of `kind`, or null (another kind's id is not found either). */
    findOfKind: (organizationId: OrganizationId, kind: DocumentKind, id: string) =>
      tx.document.findFirst({ where: { organizationId, kind, id }, include: withLines }),

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

    create: async (organizationId: OrganizationId, data: Omit<Prisma.DocumentUncheckedCreateInput, "organizationId">, lines: LineRow[]) => {
      await tx.document.create({ data: { ...data, organizationId } });
      await tx.documentLine.createMany({ data: lines.map((line) => ({ ...line, organizationId, documentId: data.id! })) });
      return (await find(organizationId, data.id!))!;
    },

    update: (organizationId: OrganizationId, id: string, data: Prisma.DocumentUncheckedUpdateInput) =>
      tx.document.update({ where: { id, organizationId }, data }),

    /** A draft's lines replaced by `lines`. */
    replaceLines: async (organizationId: OrganizationId, documentId: string, lines: LineRow[]) => {
      await tx.documentLine.deleteMany({ where: { organizationId, documentId } });
      await tx.documentLine.createMany({ data: lines.map((line) => ({ ...line, organizationId, documentId })) });
    },

    /** A draft and its lines (the lines go with it). */
    delete: (organizationId: OrganizationId, id: string) => tx.document.delete({ where: { id, organizationId } }),

    /** A page of documents of `kind` matching the filters; `today` decides what is overdue. */
    list: (organizationId: OrganizationId, kind: DocumentKind, filters: DocumentListFilters, window: KeysetWindow, today: Date) =>
      keysetFindMany(
        {
          findMany: (args: Prisma.DocumentFindManyArgs) => tx.document.findMany({ ...args, include: withLines }),
          count: (args: Prisma.DocumentCountArgs) => tx.document.count(args),
        },
        window,
        {
          AND: [
            { organizationId, kind },
            filters.status ? { status: filters.status } : {},
            filters.partyId ? { partyId: filters.partyId } : {},
            filters.from ? { issueDate: { gte: new Date(`${filters.from}T00:00:00.000Z`) } } : {},
            filters.to ? { issueDate: { lte: new Date(`${filters.to}T00:00:00.000Z`) } } : {},
            filters.overdue === "true" ? { status: { in: [...OPEN_STATUSES] }, dueDate: { lt: today } } : {},
            filters.overdue === "false" ? { OR: [{ status: { notIn: [...OPEN_STATUSES] } }, { dueDate: { gte: today } }] } : {},
            filters.q
              ? {
                  OR: [
                    textSearch<Prisma.DocumentWhereInput>(filters.q, ["number", "reference", "supplierInvoiceNumber"]),
                    { party: textSearch<Prisma.PartyWhereInput>(filters.q, ["displayName", "legalName"]) },
                  ],
                }
              : {},
          ],
        },
      ),

    /**
     * Another live bill of the supplier with this supplier invoice number, if any: compared as the
     * unique index does, lower() of each (Prisma's case-insensitive equals is an ILIKE pattern, in
     * which "_" and "%" are wildcards).
     */
    billWithSupplierInvoiceNumber: async (organizationId: OrganizationId, supplierId: string, value: string, exceptId?: string) => {
      const [row] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id::text AS id FROM documents
        WHERE organization_id = ${organizationId}::uuid AND kind = 'bill' AND party_id = ${supplierId}::uuid AND status <> 'void'
          AND lower(supplier_invoice_number) = lower(${value}) AND id IS DISTINCT FROM ${exceptId ?? null}::uuid
        LIMIT 1`;
      return row ?? null;
    },

    /** Whether a credit note was ever issued against the document. */
    hasCreditNotes: async (organizationId: OrganizationId, id: string) =>
      (await tx.document.count({ where: { organizationId, kind: "credit_note", creditedDocumentId: id } })) > 0,

    /** Whether any allocation (live or voided) settles the document. */
    hasLiveAllocations: async (organizationId: OrganizationId, id: string) =>
      (await tx.allocation.count({ where: { organizationId, documentId: id, voidedAt: null } })) > 0,
  };
}
