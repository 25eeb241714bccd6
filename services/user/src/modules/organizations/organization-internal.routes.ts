/** Registration's internal routes (auth calls them; internal API key, never proxied). */
import { inTransaction } from "@erp/db";
import { created, noContent, type ServiceApp } from "@erp/http-kit";
import { z } from "zod";
import type { UserDb } from "../../db";
import { internalScope } from "../../events";
import { authorizationDto } from "../members/member-internal.routes";
import { createOwner } from "./create-owner";
import { deleteOrganizationData } from "./delete-organization-data";

const tags = ["Organizations (internal)"];
const params = z.object({ organizationId: z.uuid() });

export function registerOrganizationInternalRoutes(route: ServiceApp["route"], db: UserDb): void {
  route({
    method: "post",
    path: "/organizations/{organizationId}/owner",
    internal: true,
    summary: "Create the organization's built-in roles and its owner (registration; idempotent)",
    tags,
    access: { internal: true },
    request: {
      params,
      body: z.object({ userId: z.uuid(), email: z.string().min(1).max(254), name: z.string().min(1).max(200) }).strict(),
    },
    responses: {
      201: { description: "The owner's authorization", schema: authorizationDto },
      200: { description: "Already existed", schema: authorizationDto },
    },
    handler: async (ctx) => {
      const scope = internalScope(ctx.params.organizationId);
      const { authorization, created: isNew } = await inTransaction(db, scope, (tx) => createOwner(tx, scope, ctx.body));
      if (!isNew) return authorization;
      created(ctx, authorization, ctx.location(`/members/${ctx.body.userId}`));
    },
  });

  route({
    method: "delete",
    path: "/organizations/{organizationId}",
    internal: true,
    summary: "Delete everything of an organization (registration compensation)",
    tags,
    access: { internal: true },
    request: { params },
    responses: { 204: { description: "Deleted (also when there was nothing)" } },
    handler: async (ctx) => {
      const scope = internalScope(ctx.params.organizationId);
      await inTransaction(db, scope, (tx) => deleteOrganizationData(tx, scope));
      noContent(ctx);
    },
  });
}
