/** Which modules an organization has switched on (a row per enabled module). */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";

export function moduleRepository(tx: Tx) {
  return {
    listEnabled: async (organizationId: OrganizationId): Promise<string[]> => {
      const rows = await tx.enabledModule.findMany({ where: { organizationId }, orderBy: { module: "asc" } });
      return rows.map((row) => row.module);
    },

    enable: (organizationId: OrganizationId, modules: readonly string[]) =>
      tx.enabledModule.createMany({ data: modules.map((module) => ({ organizationId, module })), skipDuplicates: true }),

    disable: (organizationId: OrganizationId, modules: readonly string[]) =>
      tx.enabledModule.deleteMany({ where: { organizationId, module: { in: [...modules] } } }),
  };
}
