/**
 * The organization's settings as this service keeps them: `allowNegativeStock` and `baseCurrency`
 * are copies of the tenant service's (kept current by the tenant events' consumers; operators can
 * also set them through the internal route), `defaultWarehouseId` is this service's own.
 */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { OrganizationSettings as SettingsRow } from "../../generated/prisma/client";

export interface OrganizationSettings {
  allowNegativeStock: boolean;
  defaultWarehouseId: string | null;
  /** ISO 4217; null until the tenant's organization events arrived. */
  baseCurrency: string | null;
}

const defaults: OrganizationSettings = { allowNegativeStock: false, defaultWarehouseId: null, baseCurrency: null };

const settingsOf = (row: SettingsRow): OrganizationSettings => ({
  allowNegativeStock: row.allowNegativeStock,
  defaultWarehouseId: row.defaultWarehouseId,
  baseCurrency: row.baseCurrency,
});

export function settingsRepository(tx: Tx) {
  return {
    /** The settings, defaults when none were ever written. */
    read: async (organizationId: OrganizationId): Promise<OrganizationSettings> => {
      const row = await tx.organizationSettings.findUnique({ where: { organizationId } });
      return row ? settingsOf(row) : defaults;
    },

    /** Changes the given settings; the others keep their values (defaults when no row exists yet). */
    write: async (organizationId: OrganizationId, change: Partial<OrganizationSettings>): Promise<OrganizationSettings> =>
      settingsOf(
        await tx.organizationSettings.upsert({
          where: { organizationId },
          create: { ...defaults, ...change, organizationId },
          update: change,
        }),
      ),
  };
}
