/** The organization's settings. */
import type { ServiceApp } from "@erp/http-kit";
import type { TenantDb } from "../../db";
import { actorOf } from "../../events";
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
    handler: async ({ principal }) => getSettings(db, principal.organizationId),
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
    handler: async ({ principal, body }) => updateSettings(db, principal.organizationId, actorOf(principal), body),
  });
}
