/** What auth asks at login and refresh (`/internal/...`, internal API key, never proxied). */
import { inTransaction } from "@erp/db";
import type { ServiceApp } from "@erp/http-kit";
import { z } from "zod";
import type { UserDb } from "../../db";
import { internalScope } from "../../events";
import { getAuthorization } from "./get-authorization";
import { listMembershipsOfUser } from "./list-memberships-of-user";

const tags = ["Authorization (internal)"];
const status = z.enum(["invited", "active", "deactivated"]);
export const authorizationDto = z.object({ status, roles: z.array(z.string()), permissions: z.array(z.string()) });

export function registerMemberInternalRoutes(route: ServiceApp["route"], db: UserDb): void {
  route({
    method: "get",
    path: "/users/{userId}/memberships",
    internal: true,
    summary: "The user's memberships in every organization, oldest first",
    tags,
    access: { internal: true },
    request: { params: z.object({ userId: z.uuid() }) },
    responses: {
      200: {
        description: "Memberships",
        schema: z.array(z.object({ organizationId: z.uuid(), status, createdAt: z.iso.datetime() })),
      },
    },
    handler: ({ params }) => db.transaction((tx) => listMembershipsOfUser(tx, params)),
  });

  route({
    method: "get",
    path: "/users/{userId}/organizations/{organizationId}/authorization",
    internal: true,
    summary: "Status, role names and effective permissions of the user in the organization (for the token)",
    tags,
    access: { internal: true },
    request: { params: z.object({ userId: z.uuid(), organizationId: z.uuid() }) },
    responses: { 200: { description: "Authorization", schema: authorizationDto }, 404: { description: "Not a member" } },
    handler: ({ params }) => {
      const scope = internalScope(params.organizationId);
      return inTransaction(db, scope, (tx) => getAuthorization(tx, scope, params));
    },
  });
}
