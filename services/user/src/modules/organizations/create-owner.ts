/**
 * Registration's users step (called by auth): the organization's built-in roles and its first
 * member, active and owner. Idempotent, so auth may retry. No event: auth's
 * `auth.user.registered` announces the registration, and a compensated registration must leave
 * nothing behind, published events included.
 */
import { uuidv7 } from "@erp/db";
import { BUILT_IN_ROLES } from "@erp/permissions";
import type { Tx, UserDb } from "../../db";
import { authorizationOf, type Authorization } from "../members/authorization";
import { membershipRepository } from "../members/membership.repository";
import { roleRepository } from "../roles/role.repository";

const DESCRIPTIONS: Record<keyof typeof BUILT_IN_ROLES, string> = {
  owner: "Everything, including ownership and billing",
  admin: "Administers everything but ownership and billing",
  member: "Works with records but does not administer",
  viewer: "Reads, nothing else",
};

export async function ensureBuiltInRoles(tx: Tx, organizationId: string): Promise<void> {
  const names = Object.keys(BUILT_IN_ROLES) as (keyof typeof BUILT_IN_ROLES)[];
  await roleRepository(tx).createBuiltIns(
    organizationId,
    names.map((name) => ({ id: uuidv7(), name, description: DESCRIPTIONS[name] })),
  );
}

export async function createOwner(
  db: UserDb,
  organizationId: string,
  owner: { userId: string; email: string; name: string },
): Promise<{ authorization: Authorization; created: boolean }> {
  return db.withOrganization(organizationId, async (tx) => {
    await ensureBuiltInRoles(tx, organizationId);
    const members = membershipRepository(tx);
    const existing = await members.find(organizationId, owner.userId);
    if (!existing) {
      const [ownerRole] = await roleRepository(tx).findByNames(organizationId, ["owner"]);
      await members.create(organizationId, { ...owner, status: "active" }, [ownerRole!.id]);
    }
    return { authorization: (await authorizationOf(tx, organizationId, owner.userId))!, created: !existing };
  });
}

/**
 * Registration's compensation: removes everything the users service holds for the organization.
 * Parents are unlinked first because roles and departments refuse to lose a child.
 */
export async function deleteOrganizationData(db: UserDb, organizationId: string): Promise<void> {
  await db.withOrganization(organizationId, async (tx) => {
    const scope = { where: { organizationId } };
    await tx.membership.deleteMany(scope);
    await tx.invitation.deleteMany(scope);
    await tx.role.updateMany({ ...scope, data: { parentId: null } });
    await tx.role.deleteMany(scope);
    await tx.department.updateMany({ ...scope, data: { parentId: null } });
    await tx.department.deleteMany(scope);
  });
}
