/** Public organization routes: the caller's own organization only. */
import type { ServiceApp } from "@erp/http-kit";
import type { TenantDb } from "../../db";
import { actorOf } from "../../events";
import { permissions } from "../../permissions";
import { getOrganization } from "./get-organization";
import { organizationDto, organizationIdParams, toOrganizationDto, updateOrganizationBody } from "./organization.schemas";
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
    handler: async ({ principal }) => toOrganizationDto(await getOrganization(db, principal.organizationId)),
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
      409: { description: "The slug is taken" },
    },
    handler: async ({ principal, body }) =>
      toOrganizationDto(await updateOrganization(db, principal.organizationId, actorOf(principal), body)),
  });

  route({
    method: "get",
    path: "/organizations/{id}",
    summary: "An organization by id (only the caller's own)",
    tags,
    access: { permission: permissions.organizationRead },
    request: { params: organizationIdParams },
    responses: { 200: { description: "The organization", schema: organizationDto }, ...notFound },
    handler: async ({ principal, params }) =>
      toOrganizationDto(await getOrganization(db, principal.organizationId, params.id)),
  });
}

