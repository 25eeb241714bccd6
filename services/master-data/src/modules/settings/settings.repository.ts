/**
 * The organization's settings as this service keeps them: `allowNegativeStock` is a copy of the
 * tenant service's setting (kept current by the `tenant.settings.updated` consumer; operators can
 * also set it through the internal route), `defaultWarehouseId` is this service's own.
 */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";

export interface OrganizationSettings {
  allowNegativeStock: boolean;
  defaultWarehouseId: string | null;
}

const defaults: OrganizationSettings = { allowNegativeStock: false, defaultWarehouseId: null };

export function settingsRepository(tx: Tx) {
  return {
    /** The settings, defaults when none were ever written. */
    read: async (organizationId: OrganizationId): Promise<OrganizationSettings> => {
      const row = await tx.organizationSettings.findUnique({ where: { organizationId } });
      return row ? { allowNegativeStock: row.allowNegativeStock, defaultWarehouseId: row.defaultWarehouseId } : defaults;
    },

    /** Changes the given settings; the others keep their values (defaults when no row exists yet). */
    write: async (organizationId: OrganizationId, change: Partial<OrganizationSettings>): Promise<OrganizationSettings> => {
      const row = await tx.organizationSettings.upsert({
        where: { organizationId },
        create: { ...defaults, ...change, organizationId },
        update: change,
      });
      return { allowNegativeStock: row.allowNegativeStock, defaultWarehouseId: row.defaultWarehouseId };
    },
  };
}
