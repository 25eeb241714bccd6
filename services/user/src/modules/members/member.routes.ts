/** Members of the caller's organization, and the caller's own profile. */
import { page, pageSchema, type ServiceApp } from "@erp/http-kit";
import type { Logger } from "@erp/logging";
import { userPermissions as permissions } from "@erp/permissions";
import type { AuthClient } from "../../clients/auth-client";
import type { UserDb } from "../../db";
import { actorOf } from "../../events";
import { UNKNOWN_DEPARTMENT } from "../departments/department.errors";
import { UNKNOWN_ROLE } from "../roles/role.errors";
import { deactivateMember, getMember, listMembers, reactivateMember, setMemberRoles, updateMember } from "./manage-members";
import { LAST_OWNER } from "./member.errors";
import { listMembersQuery, memberDto, memberParams, setRolesBody, updateMemberBody, updateProfileBody } from "./member.schemas";

const tags = ["Members"];
const notFound = { 404: { description: "No such member in the caller's organization (NOT_FOUND)" } };
const invalidState = { 409: { description: "Not allowed in the member's current status (INVALID_STATE)" } };
const lastOwner = { 422: { description: "The organization's last owner", codes: [LAST_OWNER] } };

export function registerMemberRoutes(route: ServiceApp["route"], deps: { db: UserDb; auth: AuthClient; logger: Logger }): void {
  const { db } = deps;

  route({
    method: "get",
    path: "/me",
    summary: "The caller's own profile and roles in this organization",
    tags: ["Profile"],
    access: { permission: permissions.profileRead },
    responses: { 200: { description: "The caller", schema: memberDto } },
    handler: ({ principal }) => getMember(db, principal.organizationId, principal.userId),
  });

  route({
    method: "patch",
    path: "/me",
    summary: "Edit one's own profile (null clears a field)",
    tags: ["Profile"],
    access: { permission: permissions.profileUpdate },
    request: { body: updateProfileBody },
    responses: { 200: { description: "The caller", schema: memberDto } },
    handler: ({ principal, body }) => updateMember(db, principal.organizationId, actorOf(principal), principal.userId, body),
  });

  route({
    method: "get",
    path: "/members",
    summary: "Members, filtered by status, role, department or a part of the name or email",
    tags,
    access: { permission: permissions.memberRead },
    request: { query: listMembersQuery },
    responses: { 200: { description: "A page of members, by user id", schema: pageSchema(memberDto) } },
    handler: async ({ principal, query }) => {
      const { items, nextCursor } = await listMembers(db, principal.organizationId, query);
      return page(items, nextCursor, query.limit);
    },
  });

  route({
    method: "get",
    path: "/members/{userId}",
    summary: "A member",
    tags,
    access: { permission: permissions.memberRead },
    request: { params: memberParams },
    responses: { 200: { description: "The member", schema: memberDto }, ...notFound },
    handler: ({ principal, params }) => getMember(db, principal.organizationId, params.userId),
  });

  route({
    method: "patch",
    path: "/members/{userId}",
    summary: "Edit a member's profile or department",
    tags,
    access: { permission: permissions.memberUpdate },
    request: { params: memberParams, body: updateMemberBody },
    responses: { 200: { description: "The member", schema: memberDto }, ...notFound, 422: { description: "Unknown department", codes: [UNKNOWN_DEPARTMENT] } },
    handler: ({ principal, params, body }) => updateMember(db, principal.organizationId, actorOf(principal), params.userId, body),
  });

  route({
    method: "put",
    path: "/members/{userId}/roles",
    summary: "Replace a member's roles (effective at their next token refresh)",
    description: "Granting or taking away `owner` also needs users.ownership.transfer.",
    tags,
    access: { permission: permissions.memberUpdate },
    request: { params: memberParams, body: setRolesBody },
    responses: { 200: { description: "The member", schema: memberDto }, ...notFound, 422: { description: "Unknown roles, or the last owner", codes: [UNKNOWN_ROLE, LAST_OWNER] } },
    handler: ({ principal, params, body }) => setMemberRoles(db, principal, params.userId, body.roles),
  });

  route({
    method: "post",
    path: "/members/{userId}/deactivate",
    summary: "End a member's access: refused at their next refresh, refresh tokens revoked",
    tags,
    access: { permission: permissions.memberDeactivate },
    request: { params: memberParams },
    responses: { 200: { description: "The member", schema: memberDto }, ...notFound, ...invalidState, ...lastOwner },
    handler: ({ principal, params }) => deactivateMember(deps, principal, params.userId),
  });

  route({
    method: "post",
    path: "/members/{userId}/reactivate",
    summary: "Give a deactivated member their access back (they log in again)",
    tags,
    access: { permission: permissions.memberDeactivate },
    request: { params: memberParams },
    responses: { 200: { description: "The member", schema: memberDto }, ...notFound, ...invalidState },
    handler: ({ principal, params }) => reactivateMember(db, principal, params.userId),
  });
}
