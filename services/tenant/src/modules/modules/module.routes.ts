/** The organization's modules: which are on, which the plan includes. */
import { inTransaction } from "@erp/db";
import { pageSchema, wholeListQuery, wholePage, type ServiceApp } from "@erp/http-kit";
import type { TenantDb } from "../../db";
import { permissions } from "../../permissions";
import { listModules } from "./list-modules";
import { MODULE_NOT_IN_PLAN } from "./module.errors";
import { moduleDto, moduleParams, setModuleBody } from "./module.schemas";
import { setModuleEnabled } from "./set-module-enabled";

const tags = ["Modules"];

export function registerModuleRoutes(route: ServiceApp["route"], db: TenantDb): void {
  route({
    method: "get",
    path: "/modules",
    summary: "Every module, enabled or not, and whether the plan includes it",
    tags,
    access: { permission: permissions.moduleRead },
    request: { query: wholeListQuery },
    responses: { 200: { description: "Modules", schema: pageSchema(moduleDto) } },
    handler: async ({ scope, query }) => {
      const modules = await inTransaction(db, scope, (tx) => listModules(tx, scope));
      return wholePage(modules, query);
    },
  });

  route({
    method: "put",
    path: "/modules/{module}",
    summary: "Switch a module on or off",
    tags,
    access: { permission: permissions.moduleUpdate },
    request: { params: moduleParams, body: setModuleBody },
    responses: {
      200: { description: "The module", schema: moduleDto },
      404: { description: "Unknown module" },
      422: { description: "The plan does not include the module", codes: [MODULE_NOT_IN_PLAN] },
    },
    handler: ({ scope, params, body }) =>
      inTransaction(db, scope, (tx) => setModuleEnabled(tx, scope, { module: params.module, enabled: body.enabled })),
  });
}
