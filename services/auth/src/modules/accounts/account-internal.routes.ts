/** What the users service asks auth (`/internal/...`, internal API key, never proxied). */
import { inTransaction } from "@erp/db";
import { notFound } from "@erp/http-kit";
import { serviceScope } from "@erp/scope";
import { z } from "zod";
import type { AuthDatabase } from "../../database";
import type { Route } from "../../route";
import type { RevocationDeps } from "../sessions/announce-revocation";
import { revokeMemberSessions } from "../sessions/revoke-member-sessions";
import { normalizeEmail, userRepository } from "./user.repository";

const tags = ["Accounts (internal)"];
const identityDto = z.object({ id: z.uuid(), email: z.string(), name: z.string() });

export function registerAccountInternalRoutes(route: Route, deps: RevocationDeps & { db: AuthDatabase }): void {
  route({
    method: "post",
    path: "/users/lookup",
    internal: true,
    summary: "The account with this email, if any (inviting someone who already has one)",
    tags,
    access: { internal: true },
    request: { body: z.object({ email: z.string().min(1).max(254) }).strict() },
    responses: { 200: { description: "The account", schema: identityDto }, 404: { description: "No account has this email" } },
    handler: async ({ body }) => {
      const user = await deps.db.transaction((tx) => userRepository.findByEmail(tx, normalizeEmail(body.email)));
      if (!user) throw notFound("User");
      return { id: user.id, email: user.email, name: user.name };
    },
  });

  route({
    method: "post",
    path: "/users/{userId}/sessions/revoke",
    internal: true,
    summary: "Revoke every session of the user in the organization (the member was deactivated)",
    tags,
    access: { internal: true },
    request: { params: z.object({ userId: z.uuid() }), body: z.object({ organizationId: z.uuid() }).strict() },
    responses: { 200: { description: "How many sessions were live", schema: z.object({ revokedSessions: z.number().int() }) } },
    handler: ({ params, body }) => {
      // The users service acts for the organization whose member it deactivated.
      const scope = serviceScope(body.organizationId, "users");
      return inTransaction(deps.db, scope, (tx) => revokeMemberSessions(tx, scope, { userId: params.userId }, deps));
    },
  });
}
