/** Prisma queries for departments. Every function takes the organization id first. */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { DepartmentFields } from "./department.schemas";

export function departmentRepository(tx: Tx) {
  return {
    /** By name; a client builds the tree from `parentId`. */
    list: (organizationId: OrganizationId) =>
      tx.department.findMany({ where: { organizationId }, orderBy: [{ name: "asc" }, { id: "asc" }] }),

    find: (organizationId: OrganizationId, id: string) => tx.department.findFirst({ where: { organizationId, id } }),

    exists: async (organizationId: OrganizationId, id: string) => (await tx.department.count({ where: { organizationId, id } })) > 0,

    /** Every department's place in the tree, for cycle checks. */
    tree: (organizationId: OrganizationId) => tx.department.findMany({ where: { organizationId }, select: { id: true, parentId: true } }),

    countChildren: (organizationId: OrganizationId, id: string) => tx.department.count({ where: { organizationId, parentId: id } }),

    create: (organizationId: OrganizationId, id: string, fields: DepartmentFields) =>
      tx.department.create({ data: { id, organizationId, ...fields } }),

    update: (organizationId: OrganizationId, id: string, fields: Partial<DepartmentFields>) =>
      tx.department.update({ where: { id, organizationId }, data: fields }),

    delete: (organizationId: OrganizationId, id: string) => tx.department.delete({ where: { id, organizationId } }),

    /** Every department of the organization; parents are unlinked first because a department refuses to lose a child. */
    async deleteAll(organizationId: OrganizationId): Promise<void> {
      await tx.department.updateMany({ where: { organizationId }, data: { parentId: null } });
      await tx.department.deleteMany({ where: { organizationId } });
    },
  };
}
