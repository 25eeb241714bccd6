/** Role names, as members and invitations give them, resolved to the organization's roles. */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Role } from "../../generated/prisma/client";
import { unknownRoles } from "./role.errors";
import { roleRepository } from "./role.repository";

/** @throws AppError 422 UNKNOWN_ROLE naming every name the organization has no role for */
export async function resolveRoles(tx: Tx, organizationId: OrganizationId, names: string[]): Promise<Role[]> {
  const roles = await roleRepository(tx).findByNames(organizationId, names);
  const unknown = names.filter((name) => !roles.some((role) => role.name === name));
  if (unknown.length > 0) throw unknownRoles(unknown);
  return roles;
}
