/** Invitations of the caller's organization, and the internal accept steps auth calls. */
import { inTransaction } from "@erp/db";
import { hasPermission, page, pageSchema, type ServiceApp } from "@erp/http-kit";
import { userPermissions as permissions } from "@erp/permissions";
import { organizationIdOf, type Scope } from "@erp/scope";
import { z } from "zod";
import type { AuthClient } from "../../clients/auth-client";
import type { UserDb } from "../../db";
import { UNKNOWN_DEPARTMENT } from "../departments/department.errors";
import { authorizationDto } from "../members/member-internal.routes";
import { UNKNOWN_ROLE } from "../roles/role.errors";
import { acceptInvitation } from "./accept-invitation";
import { findValidInvitation } from "./find-valid-invitation";
import { ALREADY_MEMBER } from "./invitation.errors";
import {
  consumeBody,
  createdInvitationDto,
  createInvitationBody,
  invitationDto,
  invitationIdParams,
  listInvitationsQuery,
  normalizeEmail,
  tokenBody,
} from "./invitation.schemas";
import { inviteMember } from "./invite-member";
import { listInvitations } from "./list-invitations";
import { lookUpInvitation } from "./look-up-invitation";
import { revokeInvitation } from "./revoke-invitation";

export interface InvitationDeps {
  db: UserDb;
  auth: AuthClient;
  invitationTtlSeconds: number;
}

const tags = ["Invitations"];
const internalTags = ["Invitations (internal)"];
const invalid = { 404: { description: "Unknown token, or the invitation expired, was used or revoked" } };

export function registerInvitationRoutes(route: ServiceApp["route"], deps: InvitationDeps): void {
  const { db } = deps;

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
      409: { description: "Already a member or invited", codes: [ALREADY_MEMBER] },
      422: { description: "Unknown roles or department", codes: [UNKNOWN_ROLE, UNKNOWN_DEPARTMENT] },
    },
    handler: async (ctx) => {
      const { scope, principal, body } = ctx;
      // Asked before the transaction: no database transaction waits on another service.
      const invitee = await deps.auth.findUserByEmail(normalizeEmail(body.email));
      const input = {
        ...body,
        invitee,
        mayTransferOwnership: hasPermission(principal.permissions, permissions.ownershipTransfer),
        ttlSeconds: deps.invitationTtlSeconds,
      };
      const invitation = await inTransaction(db, scope, (tx) => inviteMember(tx, scope, input));
      ctx.res.status(201).location(ctx.location(`/invitations/${invitation.id}`)).json({ data: invitation });
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
    handler: async ({ scope, query }) => {
      const { items, nextCursor, total } = await inTransaction(db, scope, (tx) => listInvitations(tx, scope, query));
      return page(items, nextCursor, query.limit, total);
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
      409: { description: "Not pending", codes: ["INVALID_STATE"] },
    },
    handler: ({ scope, params }) => inTransaction(db, scope, (tx) => revokeInvitation(tx, scope, params)),
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
    handler: ({ body }) => db.transaction((tx) => lookUpInvitation(tx, body)),
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
    handler: async ({ body }) => {
      // The token is how the organization is learnt, so it is read in a transaction of its own first.
      const invitation = await db.transaction((tx) => findValidInvitation(tx, body));
      const scope: Scope = { organizationId: organizationIdOf(invitation.organizationId), actor: { type: "user", id: body.userId } };
      return inTransaction(db, scope, (tx) => acceptInvitation(tx, scope, { invitationId: invitation.id, userId: body.userId, name: body.name }));
    },
  });
}
