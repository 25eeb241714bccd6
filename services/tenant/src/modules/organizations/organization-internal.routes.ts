/**
 * Internal organization routes (`/internal/...`, internal API key, never proxied): registration
 * by the auth service, the gateway's access lookup, and operators' suspension. They act as the
 * tenant service itself for the organization in the path or body.
 */
import { inTransaction } from "@erp/db";
import { created, noContent, type ServiceApp } from "@erp/http-kit";
import type { TenantDb } from "../../db";
import { internalScope } from "../../events";
import { activateOrganization } from "./activate-organization";
import { createOrganization } from "./create-organization";
import { deletePendingOrganization } from "./delete-pending-organization";
import { getSettings } from "../settings/get-settings";
import { settingsDto } from "../settings/settings.schemas";
import { getOrganization } from "./get-organization";
import { getOrganizationAccess } from "./get-organization-access";
import { createOrganizationBody, organizationAccessDto, organizationDto, organizationIdParams } from "./organization.schemas";
import { reactivateOrganization } from "./reactivate-organization";
import { suspendOrganization } from "./suspend-organization";

const tags = ["Organizations (internal)"];
const access = { internal: true } as const;
const notFound = { 404: { description: "No such organization" } };
const invalidState = { 409: { description: "Not allowed in the organization's current status", codes: ["INVALID_STATE"] } };

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
      409: { description: "No free slug for the name", codes: ["CONFLICT"] },
    },
    handler: async (ctx) => {
      const { id, ...input } = ctx.body;
      const scope = internalScope(id);
      const { organization, created: isNew } = await inTransaction(db, scope, (tx) => createOrganization(tx, scope, input));
      if (isNew) return created(ctx, organization, ctx.location(`/organizations/${organization.id}`));
      return organization;
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
    handler: ({ params }) => {
      const scope = internalScope(params.id);
      return inTransaction(db, scope, (tx) => activateOrganization(tx, scope));
    },
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
      const scope = internalScope(ctx.params.id);
      await inTransaction(db, scope, (tx) => deletePendingOrganization(tx, scope));
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
    handler: ({ params }) => {
      const scope = internalScope(params.id);
      return inTransaction(db, scope, (tx) => suspendOrganization(tx, scope));
    },
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
    handler: ({ params }) => {
      const scope = internalScope(params.id);
      return inTransaction(db, scope, (tx) => reactivateOrganization(tx, scope));
    },
  });

  route({
    method: "get",
    path: "/organizations/{id}",
    internal: true,
    summary: "An organization's profile (base currency, timezone...), for services that missed its events",
    tags,
    access,
    request: { params: organizationIdParams },
    responses: { 200: { description: "The organization", schema: organizationDto }, ...notFound },
    handler: ({ params }) => {
      const scope = internalScope(params.id);
      return inTransaction(db, scope, (tx) => getOrganization(tx, scope));
    },
  });

  route({
    method: "get",
    path: "/organizations/{id}/settings",
    internal: true,
    summary: "An organization's settings (fiscal year start...), for services that missed their events",
    tags,
    access,
    request: { params: organizationIdParams },
    responses: { 200: { description: "The settings, defaults filled in", schema: settingsDto }, ...notFound },
    handler: ({ params }) => {
      const scope = internalScope(params.id);
      return inTransaction(db, scope, (tx) => getSettings(tx, scope));
    },
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
    handler: ({ params }) => {
      const scope = internalScope(params.id);
      return inTransaction(db, scope, (tx) => getOrganizationAccess(tx, scope));
    },
  });
}
