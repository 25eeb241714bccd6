/**
 * Invitations: an admin invites an email with roles; the person accepts through auth with the
 * token, which is 32 random bytes shown once and stored as its SHA-256. Inviting someone who
 * already has an account adds an `invited` membership at once (it becomes active on accepting);
 * for a new email the membership is made on accepting, when auth has created the account.
 */
import { createHash, randomBytes } from "node:crypto";
import { uuidv7 } from "@erp/db";
import { appendToOutbox } from "@erp/events";
import { conflict, decodeCursor, encodeCursor, notFound, type Principal } from "@erp/http-kit";
import { z } from "zod";
import type { AuthClient } from "../../clients/auth-client";
import type { Tx, UserDb } from "../../db";
import { actorOf, invitationAccepted, invitationCreated, invitationRevoked, OUTBOX_SCHEMA } from "../../events";
import type { Invitation } from "../../generated/prisma/client";
import { unknownDepartment } from "../departments/department.errors";
import { authorizationOf } from "../members/authorization";
import { assertMayTransferOwnership, changeStatus, resolveRoles } from "../members/manage-members";
import { membershipRepository } from "../members/membership.repository";
import { toInvitationDto, type CreateInvitationInput } from "./invitation.schemas";

export interface InvitationDeps {
  db: UserDb;
  auth: AuthClient;
  invitationTtlSeconds: number;
}

const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");
const normalizeEmail = (email: string) => email.trim().toLowerCase();
const invalidInvitation = () => notFound("Invitation (or it expired, was used or revoked)");

export async function createInvitation(deps: InvitationDeps, principal: Principal, input: CreateInvitationInput) {
  const { organizationId } = principal;
  const email = normalizeEmail(input.email);
  const roleNames = [...new Set(input.roles)].sort();
  if (roleNames.includes("owner")) assertMayTransferOwnership(principal);
  // Asked before the transaction: no database transaction waits on another service.
  const identity = await deps.auth.findUserByEmail(email);
  const token = randomBytes(32).toString("base64url");

  const invitation = await deps.db.withOrganization(organizationId, async (tx) => {
    const roles = await resolveRoles(tx, organizationId, roleNames);
    if (input.departmentId && !(await tx.department.findFirst({ where: { organizationId, id: input.departmentId } }))) {
      throw unknownDepartment();
    }
    const members = membershipRepository(tx);
    const member = (identity && (await members.find(organizationId, identity.id))) || (await members.findByEmail(organizationId, email));
    if (member) throw conflict(`${email} is already ${member.status === "invited" ? "invited" : "a member"}`, "ALREADY_MEMBER");
    const pending = await tx.invitation.count({ where: { organizationId, email, status: "pending", expiresAt: { gt: new Date() } } });
    if (pending > 0) throw conflict(`${email} already has a pending invitation`, "ALREADY_MEMBER");

    const created = await tx.invitation.create({
      data: {
        id: uuidv7(),
        organizationId,
        email,
        roles: roleNames,
        departmentId: input.departmentId ?? null,
        tokenHash: hashToken(token),
        invitedBy: principal.userId,
        expiresAt: new Date(Date.now() + deps.invitationTtlSeconds * 1000),
      },
    });
    if (identity) {
      await members.create(
        organizationId,
        { userId: identity.id, email, name: identity.name, status: "invited", departmentId: input.departmentId ?? null },
        roles.map((role) => role.id),
      );
    }
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: invitationCreated,
      organizationId,
      aggregateType: "invitation",
      aggregateId: created.id,
      actor: actorOf(principal),
      data: { invitationId: created.id, email, roles: roleNames, invitedBy: principal.userId, expiresAt: created.expiresAt.toISOString() },
    });
    return created;
  });
  return { ...toInvitationDto(invitation), token };
}

const cursorSchema = z.object({ id: z.uuid() });

export async function listInvitations(
  db: UserDb,
  organizationId: string,
  query: { limit: number; cursor?: string; status?: "pending" | "accepted" | "revoked" | "expired" },
) {
  const after = query.cursor ? decodeCursor(query.cursor, cursorSchema).id : undefined;
  const now = new Date();
  const status =
    query.status === "expired"
      ? { status: "pending" as const, expiresAt: { lte: now } }
      : query.status === "pending"
        ? { status: "pending" as const, expiresAt: { gt: now } }
        : query.status
          ? { status: query.status }
          : {};
  const rows = await db.withOrganization(organizationId, (tx) =>
    tx.invitation.findMany({
      where: { organizationId, ...status, ...(after ? { id: { lt: after } } : {}) },
      orderBy: { id: "desc" },
      take: query.limit + 1,
    }),
  );
  const items = rows.slice(0, query.limit).map((row) => toInvitationDto(row, now));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ id: last.id }) : null };
}

/** Revokes a pending invitation, and the `invited` membership it made for an existing account. */
export async function revokeInvitation(db: UserDb, principal: Principal, id: string) {
  const { organizationId } = principal;
  return db.withOrganization(organizationId, async (tx) => {
    const current = await tx.invitation.findFirst({ where: { organizationId, id } });
    if (!current) throw notFound("Invitation");
    if (current.status !== "pending") throw conflict(`An ${current.status} invitation cannot be revoked`, "INVALID_STATE");
    const invitation = await tx.invitation.update({ where: { id, organizationId }, data: { status: "revoked" } });
    await tx.membership.deleteMany({ where: { organizationId, email: current.email, status: "invited" } });
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: invitationRevoked,
      organizationId,
      aggregateType: "invitation",
      aggregateId: id,
      actor: actorOf(principal),
      data: { invitationId: id, email: current.email },
    });
    return toInvitationDto(invitation);
  });
}

/** A valid (pending, unexpired) invitation by its token; what auth needs before accepting. */
export async function lookUpInvitation(db: UserDb, token: string) {
  const invitation = await findValidByToken(db, token);
  return { invitationId: invitation.id, organizationId: invitation.organizationId, email: invitation.email, roles: invitation.roles };
}

/**
 * Accepts: marks the invitation used (exactly once, even under concurrent accepts) and makes the
 * user an active member with the invited roles. Answers what auth puts in the first token.
 */
export async function consumeInvitation(db: UserDb, input: { token: string; userId: string; name: string }) {
  const { id, organizationId } = await findValidByToken(db, input.token);
  const actor = { type: "user" as const, id: input.userId };
  return db.withOrganization(organizationId, async (tx) => {
    const used = await tx.invitation.updateMany({
      where: { id, organizationId, status: "pending", expiresAt: { gt: new Date() } },
      data: { status: "accepted", acceptedBy: input.userId },
    });
    if (used.count !== 1) throw invalidInvitation();
    const invitation = (await tx.invitation.findFirst({ where: { id, organizationId } }))!;
    await activateInvitedMember(tx, invitation, input, actor);
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: invitationAccepted,
      organizationId,
      aggregateType: "invitation",
      aggregateId: id,
      actor,
      data: { invitationId: id, email: invitation.email, userId: input.userId },
    });
    return { organizationId, ...(await authorizationOf(tx, organizationId, input.userId))! };
  });
}

async function activateInvitedMember(tx: Tx, invitation: Invitation, user: { userId: string; name: string }, actor: { type: "user"; id: string }) {
  const members = membershipRepository(tx);
  const { organizationId } = invitation;
  let member = await members.find(organizationId, user.userId);
  if (member?.status === "active") return;
  if (member?.status === "deactivated") throw conflict("The membership was deactivated; an admin must reactivate it", "INVALID_STATE");
  if (!member) {
    const roles = await resolveRoles(tx, organizationId, invitation.roles);
    member = await members.create(
      organizationId,
      { userId: user.userId, email: invitation.email, name: user.name, status: "invited", departmentId: invitation.departmentId },
      roles.map((role) => role.id),
    );
  }
  await changeStatus(tx, actor, member, "active");
}

async function findValidByToken(db: UserDb, token: string): Promise<Invitation> {
  const invitation = await db.transaction(async (tx) => {
    // The `invitation_token_read` policy shows the one invitation whose hash the transaction declares.
    await tx.$executeRaw`select set_config('app.invitation_token_hash', ${hashToken(token)}, true)`;
    return tx.invitation.findUnique({ where: { tokenHash: hashToken(token) } });
  });
  if (!invitation || invitation.status !== "pending" || invitation.expiresAt <= new Date()) throw invalidInvitation();
  return invitation;
}
