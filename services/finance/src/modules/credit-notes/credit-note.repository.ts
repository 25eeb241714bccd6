/** Queries of credit notes, their lines and allocations; the organization id comes first and is part of every filter. */
import { Decimal } from "@erp/money";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";

export function creditNoteRepository(tx: Tx) {
  return {
    /** Σ net and Σ tax credited so far per invoice line (by its id), over every credit note. */
    creditedSoFar: async (organizationId: OrganizationId, invoiceLineIds: string[]) => {
      const rows = await tx.documentLine.groupBy({
        by: ["creditedLineId"],
        where: { organizationId, creditedLineId: { in: invoiceLineIds } },
        _sum: { net: true, tax: true },
      });
      return new Map(rows.map((row) => [row.creditedLineId!, { net: row._sum.net ?? new Decimal(0), tax: row._sum.tax ?? new Decimal(0) }]));
    },

    /** The credit note with its lines (`data` without the organization, which this sets). */
    create: (organizationId: OrganizationId, data: Omit<Prisma.DocumentUncheckedCreateInput, "organizationId">) =>
      tx.document.create({ data: { ...data, organizationId } }),

    /** Raises an invoice line's credited quantity (the CHECK keeps it at most the line's quantity). */
    raiseCreditedQuantity: (organizationId: OrganizationId, invoiceLineId: string, quantity: Decimal) =>
      tx.documentLine.updateMany({ where: { organizationId, id: invoiceLineId }, data: { creditedQuantity: { increment: quantity } } }),

    createAllocation: (organizationId: OrganizationId, data: Omit<Prisma.AllocationUncheckedCreateInput, "organizationId">) =>
      tx.allocation.create({ data: { ...data, organizationId } }),

    /** The numbers of the invoices `ids`, by id. */
    invoiceNumbers: async (organizationId: OrganizationId, ids: string[]) => {
      const rows = await tx.document.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, number: true } });
      return new Map(rows.map((row) => [row.id, row.number ?? ""]));
    },

    /** The allocations of the credit notes `ids`, oldest first, with the number of the invoice each went to. */
    allocationsOf: (organizationId: OrganizationId, creditNoteIds: string[]) =>
      tx.allocation.findMany({
        where: { organizationId, creditNoteId: { in: creditNoteIds } },
        include: { document: { select: { number: true } } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      }),
  };
}
