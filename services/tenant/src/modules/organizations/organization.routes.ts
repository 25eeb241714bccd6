/** Public organization routes: the caller's own organization only. */
import { inTransaction } from "@erp/db";
import type { ServiceApp } from "@erp/http-kit";
import type { TenantDb } from "../../db";
import { permissions } from "../../permissions";
import { getOrganization } from "./get-organization";
import { slugTaken } from "./organization.errors";
import { organizationDto, organizationIdParams, updateOrganizationBody } from "./organization.schemas";
import { updateOrganization } from "./update-organization";

const tags = ["Organizations"];
const notFound = { 404: { description: "Not found, or another organization's (NOT_FOUND)" } };

export function registerOrganizationRoutes(route: ServiceApp["route"], db: TenantDb): void {
  route({
    method: "get",
    path: "/organizations/current",
    summary: "The caller's organization",
    tags,
    access: { permission: permissions.organizationRead },
    responses: { 200: { description: "The organization", schema: organizationDto } },
    handler: ({ scope }) => inTransaction(db, scope, (tx) => getOrganization(tx, scope)),
  });

  route({
    method: "patch",
    path: "/organizations/current",
    summary: "Change the caller's organization (name, slug, base currency, time zone)",
    tags,
    access: { permission: permissions.organizationUpdate },
    request: { body: updateOrganizationBody },
    responses: {
      200: { description: "The updated organization", schema: organizationDto },
      ...notFound,
      409: {
        description: "The slug is taken (CONFLICT), or the base currency would change once finance has opened the organization's books (BASE_CURRENCY_LOCKED)",
        codes: ["CONFLICT", "BASE_CURRENCY_LOCKED"],
      },
    },
    handler: ({ scope, body }) => inTransaction(db, scope, (tx) => updateOrganization(tx, scope, body), { conflict: slugTaken }),
  });

  route({
    method: "get",
    path: "/organizations/{id}",
    summary: "An organization by id (only the caller's own)",
    tags,
    access: { permission: permissions.organizationRead },
    request: { params: organizationIdParams },
    responses: { 200: { description: "The organization", schema: organizationDto }, ...notFound },
    handler: ({ scope, params }) => inTransaction(db, scope, (tx) => getOrganization(tx, scope, params)),
  });
}
