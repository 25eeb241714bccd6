/** Prisma queries for the organization's ledger settings and its hash chain head; organization id first. */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";

export function ledgerSettingsRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId) => tx.ledgerSettings.findUnique({ where: { organizationId } }),

    /** The settings row, locked until the transaction ends (setting up the chart happens once). */
    findForUpdate: async (organizationId: OrganizationId) => {
      const rows = await tx.$queryRaw<{ organization_id: string }[]>`
        SELECT organization_id FROM ledger_settings WHERE organization_id = ${organizationId}::uuid FOR UPDATE`;
      return rows.length > 0 ? tx.ledgerSettings.findUnique({ where: { organizationId } }) : null;
    },

    /** Creates the settings unless they exist (a concurrent creation wins quietly). */
    createIfMissing: async (organizationId: OrganizationId, data: { baseCurrency: string; fiscalYearStartMonth: number }) => {
      await tx.$executeRaw`
        INSERT INTO ledger_settings (organization_id, base_currency, fiscal_year_start_month, updated_at)
        VALUES (${organizationId}::uuid, ${data.baseCurrency}, ${data.fiscalYearStartMonth}, now())
        ON CONFLICT (organization_id) DO NOTHING`;
      await tx.$executeRaw`
        INSERT INTO ledger_chain (organization_id, last_position, updated_at) VALUES (${organizationId}::uuid, 0, now())
        ON CONFLICT (organization_id) DO NOTHING`;
    },

    update: (organizationId: OrganizationId, data: { baseCurrency?: string; fiscalYearStartMonth?: number; chartCreatedAt?: Date }) =>
      tx.ledgerSettings.update({ where: { organizationId }, data }),

    /** Whether any journal entry, draft or posted, exists (the base currency is then fixed). */
    hasEntries: async (organizationId: OrganizationId) => (await tx.journalEntry.count({ where: { organizationId }, take: 1 })) > 0,
  };
}
