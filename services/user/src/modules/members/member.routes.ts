/** Members of the caller's organization, and the caller's own profile. */
import { inTransaction } from "@erp/db";
import { hasPermission, page, pageSchema, type Principal, type ServiceApp } from "@erp/http-kit";
import type { Logger } from "@erp/logging";
import { userPermissions as permissions } from "@erp/permissions";
import type { AuthClient } from "../../clients/auth-client";
import type { UserDb } from "../../db";
import { UNKNOWN_DEPARTMENT } from "../departments/department.errors";
import { UNKNOWN_ROLE } from "../roles/role.errors";
import { deactivateMember, revokeSessionsOfDeactivated } from "./deactivate-member";
import { getMember } from "./get-member";
import { listMembers } from "./list-members";
import { LAST_OWNER } from "./member.errors";
import { listMembersQuery, memberDto, memberParams, setRolesBody, updateMemberBody, updateProfileBody } from "./member.schemas";
import { reactivateMember } from "./reactivate-member";
import { setMemberRoles } from "./set-member-roles";
import { updateMember } from "./update-member";

const tags = ["Members"];
const notFound = { 404: { description: "No such member in the caller's organization (NOT_FOUND)" } };
const invalidState = { 409: { description: "Not allowed in the member's current status", codes: ["INVALID_STATE"] } };
const lastOwner = { 422: { description: "The organization's last owner", codes: [LAST_OWNER] } };

/** Granting or taking away `owner`, or (re)activating an owner, also needs users.ownership.transfer. */
const mayTransferOwnership = (principal: Principal) => hasPermission(principal.permissions, permissions.ownershipTransfer);

export function registerMemberRoutes(route: ServiceApp["route"], deps: { db: UserDb; auth: AuthClient; logger: Logger }): void {
  const { db } = deps;

  route({
    method: "get",
    path: "/me",
    summary: "The caller's own profile and roles in this organization",
    tags: ["Profile"],
    access: { permission: permissions.profileRead },
    responses: { 200: { description: "The caller", schema: memberDto } },
    handler: ({ scope, principal }) => inTransaction(db, scope, (tx) => getMember(tx, scope, { userId: principal.userId })),
  });

  route({
    method: "patch",
    path: "/me",
    summary: "Edit one's own profile (null clears a field)",
    tags: ["Profile"],
    access: { permission: permissions.profileUpdate },
    request: { body: updateProfileBody },
    responses: { 200: { description: "The caller", schema: memberDto } },
    handler: ({ scope, principal, body }) =>
      inTransaction(db, scope, (tx) => updateMember(tx, scope, { userId: principal.userId, changes: body })),
  });

  route({
    method: "get",
    path: "/members",
    summary: "Members, filtered by status, role, department or a part of the name or email",
    tags,
    access: { permission: permissions.memberRead },
    request: { query: listMembersQuery },
    responses: { 200: { description: "A page of members, by user id", schema: pageSchema(memberDto) } },
    handler: async ({ scope, query }) => {
      const { items, nextCursor, total } = await inTransaction(db, scope, (tx) => listMembers(tx, scope, query));
      return page(items, nextCursor, query.limit, total);
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
    handler: ({ scope, params }) => inTransaction(db, scope, (tx) => getMember(tx, scope, params)),
  });

  route({
    method: "patch",
    path: "/members/{userId}",
    summary: "Edit a member's profile or department",
    tags,
    access: { permission: permissions.memberUpdate },
    request: { params: memberParams, body: updateMemberBody },
    responses: { 200: { description: "The member", schema: memberDto }, ...notFound, 422: { description: "Unknown department", codes: [UNKNOWN_DEPARTMENT] } },
    handler: ({ scope, params, body }) =>
      inTransaction(db, scope, (tx) => updateMember(tx, scope, { userId: params.userId, changes: body })),
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
    handler: ({ scope, principal, params, body }) =>
      inTransaction(db, scope, (tx) =>
        setMemberRoles(tx, scope, { userId: params.userId, roles: body.roles, mayTransferOwnership: mayTransferOwnership(principal) }),
      ),
  });

  route({
    method: "post",
    path: "/members/{userId}/deactivate",
    summary: "End a member's access: refused at their next refresh, refresh tokens revoked",
    tags,
    access: { permission: permissions.memberDeactivate },
    request: { params: memberParams },
    responses: { 200: { description: "The member", schema: memberDto }, ...notFound, ...invalidState, ...lastOwner },
    handler: async ({ scope, principal, params }) => {
      const member = await inTransaction(db, scope, (tx) =>
        deactivateMember(tx, scope, { userId: params.userId, mayTransferOwnership: mayTransferOwnership(principal) }),
      );
      await revokeSessionsOfDeactivated(deps, scope, params.userId);
      return member;
    },
  });

  route({
    method: "post",
    path: "/members/{userId}/reactivate",
    summary: "Give a deactivated member their access back (they log in again)",
    tags,
    access: { permission: permissions.memberDeactivate },
    request: { params: memberParams },
    responses: { 200: { description: "The member", schema: memberDto }, ...notFound, ...invalidState },
    handler: ({ scope, principal, params }) =>
      inTransaction(db, scope, (tx) => reactivateMember(tx, scope, { userId: params.userId, mayTransferOwnership: mayTransferOwnership(principal) })),
  });
}
