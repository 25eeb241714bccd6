/** An organization's settings, one jsonb document per organization. */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";

export function settingsRepository(tx: Tx) {
  return {
    find: (organizationId: OrganizationId) => tx.organizationSettings.findUnique({ where: { organizationId } }),

    create: (organizationId: OrganizationId, values: Prisma.InputJsonObject) =>
      tx.organizationSettings.create({ data: { organizationId, values } }),

    replace: (organizationId: OrganizationId, values: Prisma.InputJsonObject) =>
      tx.organizationSettings.update({ where: { organizationId }, data: { values } }),
  };
}
