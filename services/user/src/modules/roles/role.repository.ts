/** Prisma queries for roles. Every function takes the organization id first. */
import type { Tx } from "../../db";
import type { Role } from "../../generated/prisma/client";

export type RoleFields = Pick<Role, "name" | "description" | "parentId" | "permissions">;

export function roleRepository(tx: Tx) {
  return {
    listAll: (organizationId: string) =>
      tx.role.findMany({ where: { organizationId }, orderBy: [{ builtIn: "desc" }, { name: "asc" }] }),

    findById: (organizationId: string, id: string) => tx.role.findFirst({ where: { organizationId, id } }),

    findByNames: (organizationId: string, names: string[]) =>
      tx.role.findMany({ where: { organizationId, name: { in: names } } }),

    createBuiltIns: (organizationId: string, roles: { id: string; name: string; description: string }[]) =>
      tx.role.createMany({ data: roles.map((role) => ({ ...role, organizationId, builtIn: true })), skipDuplicates: true }),

    create: (organizationId: string, id: string, fields: RoleFields) => tx.role.create({ data: { id, organizationId, ...fields } }),

    update: (organizationId: string, id: string, fields: Partial<RoleFields>) =>
      tx.role.update({ where: { id, organizationId }, data: fields }),

    delete: (organizationId: string, id: string) => tx.role.delete({ where: { id, organizationId } }),

    /** Why the role cannot be deleted: it is held, inherited from, or promised by an invitation. */
    async usage(organizationId: string, role: Role) {
      const [members, children, invitations] = await Promise.all([
        tx.membershipRole.count({ where: { organizationId, roleId: role.id } }),
        tx.role.count({ where: { organizationId, parentId: role.id } }),
        tx.invitation.count({ where: { organizationId, status: "pending", roles: { has: role.name } } }),
      ]);
      return { members, children, invitations };
    },
  };
}
