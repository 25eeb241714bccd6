/** Accepting an invitation, the public half of the flow the users service starts. */
import { z } from "zod";
import type { Route } from "../../route";
import { sessionDto } from "../sessions/session.schemas";
import { EMAIL_ALREADY_REGISTERED } from "../registration/registration.errors";
import { INVALID_CREDENTIALS, RATE_LIMITED } from "../sessions/session.errors";
import { withRetryAfter } from "../sessions/session.routes";
import { acceptInvitation, type AcceptInvitationDeps } from "./accept-invitation";

const acceptBody = z
  .object({
    token: z.string().min(1).max(200).describe("The invitation's accept token"),
    password: z.string().min(1).max(1024).describe("A new account's password (registration policy), or the existing account's"),
    name: z.string().trim().min(1).max(200).optional().describe("Required for a new account"),
  })
  .strict()
  .openapi({ example: { token: "inv_3q2-7wEXAMPLE", password: "correct horse battery staple", name: "Grace Hopper" } });

export function registerInvitationRoutes(route: Route, deps: AcceptInvitationDeps): void {
  route({
    method: "post",
    path: "/invitations/accept",
    summary: "Accept an invitation: join the organization (creating an account for a new email) and sign in to it",
    tags: ["Invitations"],
    access: { public: true },
    request: { body: acceptBody },
    responses: {
      200: { description: "A new session in the inviting organization", schema: sessionDto },
      401: { description: "An existing account's password is wrong", codes: [INVALID_CREDENTIALS] },
      404: { description: "Unknown token, or the invitation expired, was used or revoked", codes: ["NOT_FOUND"] },
      409: { description: "An account with this email was created meanwhile", codes: [EMAIL_ALREADY_REGISTERED] },
      429: { description: "Too many failed attempts", codes: [RATE_LIMITED] },
    },
    handler: async (ctx) => {
      const ip = ctx.req.ip ?? ctx.req.socket.remoteAddress ?? "unknown";
      return withRetryAfter(ctx.res, () => acceptInvitation(deps, { ...ctx.body, ip }));
    },
  });
}
