/**
 * Keeps this service's copy of the tenant-owned settings it needs. The tenant events' consumers
 * call it in the transaction `applyOnce` hands them; the internal route, to repair a copy.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { settingsRepository, type OrganizationSettings } from "./settings.repository";

/** The settings this service copies from the tenant service. */
export type TenantSettingsCopy = Pick<OrganizationSettings, "allowNegativeStock" | "baseCurrency">;

/** Writes the given settings (the others keep their values) and returns them all. */
export function copyTenantSettings(tx: Tx, scope: Scope, input: Partial<TenantSettingsCopy>): Promise<OrganizationSettings> {
  return settingsRepository(tx).write(scope.organizationId, input);
}
