/** Prisma queries for roles. Every function takes the organization id first. */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Role } from "../../generated/prisma/client";

export type RoleFields = Pick<Role, "name" | "description" | "parentId" | "permissions">;

export function roleRepository(tx: Tx) {
  return {
    listAll: (organizationId: OrganizationId) =>
      tx.role.findMany({ where: { organizationId }, orderBy: [{ builtIn: "desc" }, { name: "asc" }] }),

    findById: (organizationId: OrganizationId, id: string) => tx.role.findFirst({ where: { organizationId, id } }),

    findByNames: (organizationId: OrganizationId, names: string[]) =>
      tx.role.findMany({ where: { organizationId, name: { in: names } } }),

    createBuiltIns: (organizationId: OrganizationId, roles: { id: string; name: string; description: string }[]) =>
      tx.role.createMany({ data: roles.map((role) => ({ ...role, organizationId, builtIn: true })), skipDuplicates: true }),

    create: (organizationId: OrganizationId, id: string, fields: RoleFields) => tx.role.create({ data: { id, organizationId, ...fields } }),

    update: (organizationId: OrganizationId, id: string, fields: Partial<RoleFields>) =>
      tx.role.update({ where: { id, organizationId }, data: fields }),

    delete: (organizationId: OrganizationId, id: string) => tx.role.delete({ where: { id, organizationId } }),

    /** Every role of the organization; parents are unlinked first because a role refuses to lose a child. */
    async deleteAll(organizationId: OrganizationId): Promise<void> {
      await tx.role.updateMany({ where: { organizationId }, data: { parentId: null } });
      await tx.role.deleteMany({ where: { organizationId } });
    },

    /** Why the role cannot be deleted: it is held, inherited from, or promised by an invitation. */
    async usage(organizationId: OrganizationId, role: Role) {
      const [members, children, invitations] = await Promise.all([
        tx.membershipRole.count({ where: { organizationId, roleId: role.id } }),
        tx.role.count({ where: { organizationId, parentId: role.id } }),
        tx.invitation.count({ where: { organizationId, status: "pending", roles: { has: role.name } } }),
      ]);
      return { members, children, invitations };
    },
  };
}
