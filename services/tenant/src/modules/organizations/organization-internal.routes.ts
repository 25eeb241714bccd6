/**
 * Internal organization routes (`/internal/...`, internal API key, never proxied): registration
 * by the auth service, the gateway's access lookup, and operators' suspension.
 */
import { created, noContent, type ServiceApp } from "@erp/http-kit";
import type { TenantDb } from "../../db";
import { activateOrganization } from "./activate-organization";
import { createOrganization } from "./create-organization";
import { deletePendingOrganization } from "./delete-pending-organization";
import { getOrganizationAccess } from "./get-organization-access";
import {
  createOrganizationBody,
  organizationAccessDto,
  organizationDto,
  organizationIdParams,
  toOrganizationDto,
} from "./organization.schemas";
import { reactivateOrganization } from "./reactivate-organization";
import { suspendOrganization } from "./suspend-organization";

const tags = ["Organizations (internal)"];
const access = { internal: true } as const;
const notFound = { 404: { description: "No such organization" } };
const invalidState = { 409: { description: "Not allowed in the organization's current status" } };

export function registerOrganizationInternalRoutes(route: ServiceApp["route"], db: TenantDb): void {
  route({
    method: "post",
    path: "/organizations",
    internal: true,
    summary: "Create a pending organization (registration step one; idempotent by id)",
    tags,
    access,
    request: { body: createOrganizationBody },
    responses: {
      201: { description: "Created", schema: organizationDto },
      200: { description: "Already existed with this id", schema: organizationDto },
    },
    handler: async (ctx) => {
      const { organization, created: isNew } = await createOrganization(db, ctx.body);
      const dto = toOrganizationDto(organization);
      if (isNew) return created(ctx, dto, `/api/v1/tenant/organizations/${organization.id}`);
      return dto;
    },
  });

  route({
    method: "post",
    path: "/organizations/{id}/activate",
    internal: true,
    summary: "Activate a pending organization (registration step two; repeatable)",
    tags,
    access,
    request: { params: organizationIdParams },
    responses: { 200: { description: "Active", schema: organizationDto }, ...notFound, ...invalidState },
    handler: async ({ params }) => toOrganizationDto(await activateOrganization(db, params.id)),
  });

  route({
    method: "delete",
    path: "/organizations/{id}",
    internal: true,
    summary: "Delete a pending organization with everything of it (registration compensation)",
    tags,
    access,
    request: { params: organizationIdParams },
    responses: { 204: { description: "Deleted" }, ...notFound, ...invalidState },
    handler: async (ctx) => {
      await deletePendingOrganization(db, ctx.params.id);
      noContent(ctx);
    },
  });

  route({
    method: "post",
    path: "/organizations/{id}/suspend",
    internal: true,
    summary: "Suspend an active organization (operators)",
    tags,
    access,
    request: { params: organizationIdParams },
    responses: { 200: { description: "Suspended", schema: organizationDto }, ...notFound, ...invalidState },
    handler: async ({ params }) => toOrganizationDto(await suspendOrganization(db, params.id)),
  });

  route({
    method: "post",
    path: "/organizations/{id}/reactivate",
    internal: true,
    summary: "Lift an organization's suspension (operators)",
    tags,
    access,
    request: { params: organizationIdParams },
    responses: { 200: { description: "Active again", schema: organizationDto }, ...notFound, ...invalidState },
    handler: async ({ params }) => toOrganizationDto(await reactivateOrganization(db, params.id)),
  });

  route({
    method: "get",
    path: "/organizations/{id}/access",
    internal: true,
    summary: "Status and enabled modules, for the gateway's module gate",
    tags,
    access,
    request: { params: organizationIdParams },
    responses: { 200: { description: "Access", schema: organizationAccessDto }, ...notFound },
    handler: async ({ params }) => getOrganizationAccess(db, params.id),
  });
}
