/** Invitations of the caller's organization, and the internal accept steps auth calls. */
import { page, pageSchema, type ServiceApp } from "@erp/http-kit";
import { userPermissions as permissions } from "@erp/permissions";
import { z } from "zod";
import { UNKNOWN_DEPARTMENT } from "../departments/department.errors";
import { authorizationDto } from "../members/member-internal.routes";
import { UNKNOWN_ROLE } from "../roles/role.errors";
import {
  consumeInvitation,
  createInvitation,
  listInvitations,
  lookUpInvitation,
  revokeInvitation,
  type InvitationDeps,
} from "./manage-invitations";
import {
  consumeBody,
  createdInvitationDto,
  createInvitationBody,
  invitationDto,
  invitationIdParams,
  listInvitationsQuery,
  tokenBody,
} from "./invitation.schemas";

const tags = ["Invitations"];
const internalTags = ["Invitations (internal)"];
const invalid = { 404: { description: "Unknown token, or the invitation expired, was used or revoked" } };

export function registerInvitationRoutes(route: ServiceApp["route"], deps: InvitationDeps): void {
  route({
    method: "post",
    path: "/invitations",
    summary: "Invite an email with roles; answers the single-use accept token once",
    description: "Writes user.invitation.created (without the token) for the notification service. Inviting as owner needs users.ownership.transfer.",
    tags,
    access: { permission: permissions.memberInvite },
    request: { body: createInvitationBody },
    responses: {
      201: { description: "The invitation and its accept token", schema: createdInvitationDto },
      409: { description: "Already a member or invited (ALREADY_MEMBER)" },
      422: { description: "Unknown roles or department", codes: [UNKNOWN_ROLE, UNKNOWN_DEPARTMENT] },
    },
    handler: async (ctx) => {
      const invitation = await createInvitation(deps, ctx.principal, ctx.body);
      ctx.res.status(201).location(`/api/v1/users/invitations/${invitation.id}`).json({ data: invitation });
    },
  });

  route({
    method: "get",
    path: "/invitations",
    summary: "Invitations, newest first",
    tags,
    access: { permission: permissions.memberInvite },
    request: { query: listInvitationsQuery },
    responses: { 200: { description: "A page of invitations", schema: pageSchema(invitationDto) } },
    handler: async ({ principal, query }) => {
      const { items, nextCursor } = await listInvitations(deps.db, principal.organizationId, query);
      return page(items, nextCursor, query.limit);
    },
  });

  route({
    method: "post",
    path: "/invitations/{id}/revoke",
    summary: "Revoke a pending invitation",
    tags,
    access: { permission: permissions.memberInvite },
    request: { params: invitationIdParams },
    responses: {
      200: { description: "The invitation", schema: invitationDto },
      404: { description: "No such invitation in the caller's organization" },
      409: { description: "Not pending (INVALID_STATE)" },
    },
    handler: ({ principal, params }) => revokeInvitation(deps.db, principal, params.id),
  });

  route({
    method: "post",
    path: "/invitations/lookup",
    internal: true,
    summary: "A valid invitation by its token, without using it up",
    tags: internalTags,
    access: { internal: true },
    request: { body: tokenBody },
    responses: {
      200: {
        description: "The invitation",
        schema: z.object({ invitationId: z.uuid(), organizationId: z.uuid(), email: z.string(), roles: z.array(z.string()) }),
      },
      ...invalid,
    },
    handler: ({ body }) => lookUpInvitation(deps.db, body.token),
  });

  route({
    method: "post",
    path: "/invitations/consume",
    internal: true,
    summary: "Use the invitation up and make the user an active member; answers the token's authorization",
    tags: internalTags,
    access: { internal: true },
    request: { body: consumeBody },
    responses: { 200: { description: "Authorization", schema: authorizationDto.extend({ organizationId: z.uuid() }) }, ...invalid },
    handler: ({ body }) => consumeInvitation(deps.db, body),
  });
}
