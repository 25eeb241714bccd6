/** The built-in roles every organization has (owner, admin, member, viewer); their permissions come from the catalog's levels. */
import { uuidv7 } from "@erp/db";
import { BUILT_IN_ROLES } from "@erp/permissions";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import { roleRepository } from "./role.repository";

const DESCRIPTIONS: Record<keyof typeof BUILT_IN_ROLES, string> = {
  owner: "Everything, including ownership and billing",
  admin: "Administers everything but ownership and billing",
  member: "Works with records but does not administer",
  viewer: "Reads, nothing else",
};

/** Creates the ones missing; repeating it changes nothing. */
export async function ensureBuiltInRoles(tx: Tx, organizationId: OrganizationId): Promise<void> {
  const names = Object.keys(BUILT_IN_ROLES) as (keyof typeof BUILT_IN_ROLES)[];
  await roleRepository(tx).createBuiltIns(
    organizationId,
    names.map((name) => ({ id: uuidv7(), name, description: DESCRIPTIONS[name] })),
  );
}
