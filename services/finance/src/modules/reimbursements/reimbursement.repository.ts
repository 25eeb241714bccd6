/** Queries of reimbursement claims (with their lines and history); the organization id is part of every filter. */
import { keysetFindMany, type KeysetWindow } from "@erp/db";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { ReimbursementListQuery, ReimbursementRow } from "./reimbursement.schemas";

const day = (date: string) => new Date(`${date}T00:00:00.000Z`);
const include = { lines: true, transitions: true } as const;

export function reimbursementRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId, id: string): Promise<ReimbursementRow | null> =>
      tx.reimbursement.findFirst({ where: { organizationId, id }, include }),

    /** The claim locked FOR UPDATE until the transaction ends (every transition takes it), or null. */
    lock: async (organizationId: OrganizationId, id: string): Promise<ReimbursementRow | null> => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM reimbursements WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid FOR UPDATE`;
      if (locked.length === 0) return null;
      return tx.reimbursement.findFirst({ where: { organizationId, id }, include });
    },

    create: (organizationId: OrganizationId, data: Omit<Prisma.ReimbursementUncheckedCreateInput, "organizationId" | "lines" | "transitions">) =>
      tx.reimbursement.create({ data: { ...data, organizationId } }),

    update: (organizationId: OrganizationId, id: string, data: Prisma.ReimbursementUncheckedUpdateInput) =>
      tx.reimbursement.update({ where: { id, organizationId }, data }),

    delete: (organizationId: OrganizationId, id: string) => tx.reimbursement.deleteMany({ where: { organizationId, id } }),

    replaceLines: async (organizationId: OrganizationId, reimbursementId: string, lines: Omit<Prisma.ReimbursementLineCreateManyInput, "organizationId" | "reimbursementId">[]) => {
      await tx.reimbursementLine.deleteMany({ where: { organizationId, reimbursementId } });
      await tx.reimbursementLine.createMany({ data: lines.map((line) => ({ ...line, organizationId, reimbursementId })) });
    },

    addTransition: (organizationId: OrganizationId, data: Omit<Prisma.ReimbursementTransitionUncheckedCreateInput, "organizationId">) =>
      tx.reimbursementTransition.create({ data: { ...data, organizationId } }),

    list: (organizationId: OrganizationId, filters: ReimbursementListQuery, window: KeysetWindow) =>
      keysetFindMany(
        {
          findMany: (args: Prisma.ReimbursementFindManyArgs) => tx.reimbursement.findMany({ ...args, include }) as Promise<ReimbursementRow[]>,
          count: (args: Prisma.ReimbursementCountArgs) => tx.reimbursement.count(args),
        },
        window,
        {
          AND: [
            { organizationId },
            filters.status ? { status: filters.status } : {},
            filters.claimantId ? { claimantId: filters.claimantId } : {},
            filters.from ? { date: { gte: day(filters.from) } } : {},
            filters.to ? { date: { lte: day(filters.to) } } : {},
          ],
        },
      ),
  };
}
