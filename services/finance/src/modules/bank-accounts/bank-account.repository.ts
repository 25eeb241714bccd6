/** Queries of bank accounts and their ledger balances; the organization id comes first and is part of every filter. */
import { escapeLikePattern, keysetFindMany, type KeysetWindow } from "@erp/db";
import { Decimal } from "@erp/money";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { BankAccountListQuery } from "./bank-account.schemas";

const withAccount = { account: { select: { code: true } } } as const;
export type BankAccountRow = Prisma.BankAccountGetPayload<{ include: typeof withAccount }>;

/** A ledger account's posted balance: debit − credit in its currency and in the base currency. */
export interface LedgerBalance {
  amount: Decimal;
  baseAmount: Decimal;
}

export function bankAccountRepository(tx: Tx) {
  /** The accounts whose number's last 4 characters (what a masked number shows) contain `q`. */
  const visibleNumberMatches = async (organizationId: OrganizationId, q: string): Promise<string[]> => {
    const pattern = `%${escapeLikePattern(q)}%`;
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM bank_accounts
       WHERE organization_id = ${organizationId}::uuid AND length(account_number) > 4 AND right(account_number, 4) ILIKE ${pattern}`;
    return rows.map((row) => row.id);
  };

  return {
    find: (organizationId: OrganizationId, id: string): Promise<BankAccountRow | null> =>
      tx.bankAccount.findFirst({ where: { organizationId, id }, include: withAccount }),

    /** The row locked FOR UPDATE until the transaction ends (renames, archiving, statements, reconciliation). */
    lock: async (organizationId: OrganizationId, id: string): Promise<BankAccountRow | null> => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM bank_accounts WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid FOR UPDATE`;
      if (locked.length === 0) return null;
      return tx.bankAccount.findFirst({ where: { organizationId, id }, include: withAccount });
    },

    create: (organizationId: OrganizationId, data: Omit<Prisma.BankAccountUncheckedCreateInput, "organizationId">) =>
      tx.bankAccount.create({ data: { ...data, organizationId }, include: withAccount }),

    update: (organizationId: OrganizationId, id: string, data: Prisma.BankAccountUncheckedUpdateInput) =>
      tx.bankAccount.update({ where: { id, organizationId }, data, include: withAccount }),

    /**
     * `q` searches name, bank name and number; without `unmasked` (finance.bank_account.read_number)
     * only the number's visible part, its last 4 characters (none of a number that short), so a
     * search cannot reveal the digits the mask hides.
     */
    list: async (organizationId: OrganizationId, filters: BankAccountListQuery, window: KeysetWindow, view: { unmasked: boolean }) =>
      keysetFindMany(
        {
          findMany: (args: Prisma.BankAccountFindManyArgs) => tx.bankAccount.findMany({ ...args, include: withAccount }),
          count: (args: Prisma.BankAccountCountArgs) => tx.bankAccount.count(args),
        },
        window,
        {
          AND: [
            { organizationId },
            filters.status === "active" ? { archivedAt: null } : filters.status === "archived" ? { archivedAt: { not: null } } : {},
            filters.currency ? { currency: filters.currency } : {},
            filters.q
              ? {
                  OR: [
                    ...(["name", "bankName", ...(view.unmasked ? (["accountNumber"] as const) : [])] as const).map((field) => ({
                      [field]: { contains: escapeLikePattern(filters.q!), mode: "insensitive" as const },
                    })),
                    ...(view.unmasked ? [] : [{ id: { in: await visibleNumberMatches(organizationId, filters.q) } }]),
                  ],
                }
              : {},
          ],
        },
      ),

    /** Posted balances of the ledger accounts `accountIds` (from the posting trigger's period balances). */
    balances: async (organizationId: OrganizationId, accountIds: string[]): Promise<Map<string, LedgerBalance>> => {
      const rows = await tx.accountPeriodBalance.groupBy({
        by: ["accountId"],
        where: { organizationId, accountId: { in: accountIds } },
        _sum: { debit: true, credit: true, baseDebit: true, baseCredit: true },
      });
      const zero = new Decimal(0);
      return new Map(
        rows.map((row) => [
          row.accountId,
          {
            amount: new Decimal(row._sum.debit ?? zero).minus(row._sum.credit ?? zero),
            baseAmount: new Decimal(row._sum.baseDebit ?? zero).minus(row._sum.baseCredit ?? zero),
          },
        ]),
      );
    },
  };
}
