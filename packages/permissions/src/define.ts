/**
 * Permissions are `<module>.<resource>.<action>` strings. Each service declares its own in one file
 * of ./catalog, with the level that decides which built-in roles hold it.
 */
export type PermissionLevel = "read" | "write" | "admin" | "owner";

export interface PermissionDefinition {
  key: string;
  service: string;
  level: PermissionLevel;
  description: string;
}

type Declarations = Record<string, { key: string; level: PermissionLevel; description: string }>;

const PERMISSION_KEY = /^[a-z][a-z_]*\.[a-z][a-z_]*\.[a-z][a-z_]*$/;
const registry = new Map<string, PermissionDefinition>();

/** Registers a service's permissions and returns their keys by name, for route declarations. */
export function definePermissions<const T extends Declarations>(service: string, declarations: T): { [K in keyof T]: T[K]["key"] } {
  const keys = {} as { [K in keyof T]: T[K]["key"] };
  for (const [name, declaration] of Object.entries(declarations) as [keyof T & string, T[keyof T]][]) {
    if (!PERMISSION_KEY.test(declaration.key)) throw new Error(`permission ${declaration.key} is not <module>.<resource>.<action>`);
    const existing = registry.get(declaration.key);
    if (existing && existing.service !== service) throw new Error(`permission ${declaration.key} is declared by ${existing.service} and ${service}`);
    registry.set(declaration.key, { ...declaration, service });
    keys[name] = declaration.key;
  }
  return keys;
}

export function listPermissions(): PermissionDefinition[] {
  return [...registry.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export function isDeclaredPermission(key: string): boolean {
  return registry.has(key);
}
