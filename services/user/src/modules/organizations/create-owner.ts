/**
 * Registration's users step (called by auth): the organization's built-in roles and its first
 * member, active and owner. Idempotent, so auth may retry. No event: auth's
 * `auth.user.registered` announces the registration, and a compensated registration must leave
 * nothing behind, published events included.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { authorizationOf, type Authorization } from "../members/authorization";
import { membershipRepository } from "../members/membership.repository";
import { ensureBuiltInRoles } from "../roles/ensure-built-in-roles";
import { roleRepository } from "../roles/role.repository";

export interface OwnerInput {
  userId: string;
  email: string;
  name: string;
}

/** `created` is false when the owner was already a member (a retry): nothing was written. */
export async function createOwner(tx: Tx, scope: Scope, owner: OwnerInput): Promise<{ authorization: Authorization; created: boolean }> {
  const { organizationId } = scope;
  await ensureBuiltInRoles(tx, organizationId);
  const members = membershipRepository(tx);
  const existing = await members.find(organizationId, owner.userId);
  if (!existing) {
    const [ownerRole] = await roleRepository(tx).findByNames(organizationId, ["owner"]);
    await members.create(organizationId, { ...owner, status: "active" }, [ownerRole!.id]);
  }
  return { authorization: (await authorizationOf(tx, organizationId, owner.userId))!, created: !existing };
}
