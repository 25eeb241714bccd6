/** The organization's settings. */
import { inTransaction } from "@erp/db";
import type { ServiceApp } from "@erp/http-kit";
import type { TenantDb } from "../../db";
import { permissions } from "../../permissions";
import { getSettings } from "./get-settings";
import { settingsDto, updateSettingsBody } from "./settings.schemas";
import { updateSettings } from "./update-settings";

const tags = ["Settings"];

export function registerSettingsRoutes(route: ServiceApp["route"], db: TenantDb): void {
  route({
    method: "get",
    path: "/settings",
    summary: "The organization's settings",
    tags,
    access: { permission: permissions.settingsRead },
    responses: { 200: { description: "Settings", schema: settingsDto } },
    handler: ({ scope }) => inTransaction(db, scope, (tx) => getSettings(tx, scope)),
  });

  route({
    method: "patch",
    path: "/settings",
    summary: "Change some settings",
    tags,
    access: { permission: permissions.settingsUpdate },
    request: { body: updateSettingsBody },
    responses: {
      200: { description: "Settings", schema: settingsDto },
    },
    handler: ({ scope, body }) => inTransaction(db, scope, (tx) => updateSettings(tx, scope, body)),
  });
}
