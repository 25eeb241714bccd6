/** Request and response schemas for invitations. */
import { z } from "zod";
import { countParameter, paginationQuery } from "@erp/http-kit";
import type { Invitation } from "../../generated/prisma/client";
import { roleName } from "../roles/role.schemas";

export const createInvitationBody = z
  .object({
    email: z.email().max(254),
    roles: z.array(roleName).min(1).max(50).describe("Role names the person gets on accepting"),
    departmentId: z.uuid().optional(),
  })
  .strict()
  .openapi({ example: { email: "grace@acme.example", roles: ["viewer"] } });

export type CreateInvitationInput = z.infer<typeof createInvitationBody>;

/** Emails are compared and stored lower-case. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export const invitationIdParams = z.object({ id: z.uuid() });

const status = z.enum(["pending", "accepted", "revoked", "expired"]);

export const listInvitationsQuery = paginationQuery.extend({ status: status.optional(), count: countParameter });

export type ListInvitationsQuery = z.infer<typeof listInvitationsQuery>;

/** The accept token is hashed at rest; only its bearer can accept. */
export const tokenBody = z.object({ token: z.string().min(1).max(200) }).strict();

export const consumeBody = z
  .object({ token: z.string().min(1).max(200), userId: z.uuid(), name: z.string().min(1).max(200) })
  .strict();

export const invitationDto = z.object({
  id: z.uuid(),
  email: z.string(),
  roles: z.array(z.string()),
  departmentId: z.uuid().nullable(),
  status,
  invitedBy: z.uuid(),
  acceptedBy: z.uuid().nullable(),
  expiresAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
});

export type InvitationDto = z.infer<typeof invitationDto>;

export const createdInvitationDto = invitationDto.extend({
  token: z
    .string()
    .describe(
      "Single-use accept token, shown only in this response: the person posts it to /api/v1/auth/invitations/accept " +
        "(an admin UI builds the link it sends, e.g. https://app.example.com/accept?token=...)",
    ),
});

/** A pending invitation past its expiry reads as expired; the row keeps `pending`. */
export type CreatedInvitationDto = z.infer<typeof createdInvitationDto>;

export function toInvitationDto(invitation: Invitation, now = new Date()): InvitationDto {
  return {
    id: invitation.id,
    email: invitation.email,
    roles: invitation.roles,
    departmentId: invitation.departmentId,
    status: invitation.status === "pending" && invitation.expiresAt <= now ? "expired" : invitation.status,
    invitedBy: invitation.invitedBy,
    acceptedBy: invitation.acceptedBy,
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
  };
}
