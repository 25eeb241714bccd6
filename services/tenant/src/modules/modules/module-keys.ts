/**
 * The modules an organization can switch on; keys equal the gateway's service names. The core
 * services (tenant, auth, users) are always on and therefore not listed.
 */
export const MODULE_KEYS = ["master-data", "finance", "crm", "notifications"] as const;

export type ModuleKey = (typeof MODULE_KEYS)[number];

export function isModuleKey(value: string): value is ModuleKey {
  return (MODULE_KEYS as readonly string[]).includes(value);
}
