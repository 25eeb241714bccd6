/**
 * Internal: the tenant-owned settings this service copies. The tenant events' consumers keep them
 * current; operators can set them here too (e.g. to repair a copy).
 */
import { inTransaction } from "@erp/db";
import { z, type ServiceApp } from "@erp/http-kit";
import { currencyCode } from "@erp/money";
import type { MasterDataDb } from "../../db";
import { asService } from "../../events";
import { copyTenantSettings } from "./copy-tenant-settings";

const params = z.object({ organizationId: z.uuid() });
const body = z
  .object({ allowNegativeStock: z.boolean(), baseCurrency: currencyCode })
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, "Give at least one setting")
  .openapi({ example: { allowNegativeStock: false, baseCurrency: "EUR" } });
const settingsDto = z.object({ allowNegativeStock: z.boolean(), defaultWarehouseId: z.uuid().nullable(), baseCurrency: z.string().nullable() });

export function registerSettingsInternalRoutes(route: ServiceApp["route"], db: MasterDataDb): void {
  route({
    method: "put",
    path: "/organizations/{organizationId}/settings",
    summary: "Set the organization's copy of tenant settings (allowNegativeStock, baseCurrency)",
    internal: true,
    access: { internal: true },
    request: { params, body },
    responses: { 200: { description: "The settings", schema: settingsDto } },
    handler: ({ params, body }) => {
      const scope = asService(params.organizationId);
      return inTransaction(db, scope, (tx) => copyTenantSettings(tx, scope, body));
    },
  });
}
