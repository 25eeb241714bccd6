/**
 * Accepting an invitation (public; the token is the credential): a new email gets an account
 * with the registration password policy; an existing account must give its password, so a
 * leaked token alone cannot attach someone's account to an organization. The users service then
 * uses the invitation up and activates the membership, and the answer is a session in that
 * organization, as from login.
 *
 * The account is created in a transaction that waits for the users service's answer, so an
 * invitation that someone else used first leaves no account behind.
 */
import { inTransaction, uuidv7 } from "@erp/db";
import type { ErrorDetail } from "@erp/errors";
import { appendToOutbox } from "@erp/events";
import { organizationIdOf, type Scope } from "@erp/scope";
import type { UsersClient } from "../../clients/users-client";
import type { AuthDatabase } from "../../database";
import { OUTBOX_SCHEMA, userRegistered } from "../../events";
import { userRepository } from "../accounts/user.repository";
import { passwordSchema, type PasswordHasher } from "../credentials/password";
import { issueTokens, sessionOf, type Session, type TokenIssuing } from "../sessions/issue-tokens";
import { verifyPassword, type LoginDeps } from "../sessions/login";
import { emailTaken } from "../registration/registration.errors";
import { invalidInvitation, newAccountInvalid } from "./invitation.errors";

export interface AcceptInvitationDeps extends TokenIssuing, Pick<LoginDeps, "loginLimiter"> {
  db: AuthDatabase;
  passwords: PasswordHasher;
  users: UsersClient;
  /** The users call's timeout; the transaction that waits for it must outlive it. */
  usersTimeoutMs: number;
}

export interface AcceptInvitationInput {
  token: string;
  password: string;
  name?: string;
  ip: string;
}

const TRANSACTION_MARGIN_MS = 5000;

export async function acceptInvitation(deps: AcceptInvitationDeps, input: AcceptInvitationInput): Promise<Session> {
  const invitation = await deps.users.lookUpInvitation(input.token);
  if (!invitation) throw invalidInvitation();
  const existing = await deps.db.transaction((tx) => userRepository.findByEmail(tx, invitation.email));
  if (existing) await verifyPassword(deps, { email: invitation.email, password: input.password, ip: input.ip });
  else assertNewAccountInput(input);
  const passwordHash = existing ? undefined : await deps.passwords.hash(input.password);

  // The invited person acts in the inviting organization (as their new or existing account).
  const userId = existing?.id ?? uuidv7();
  const scope: Scope = { organizationId: organizationIdOf(invitation.organizationId), actor: { type: "user", id: userId } };
  return inTransaction(
    deps.db,
    scope,
    async (tx) => {
      const user =
        existing ?? (await userRepository.create(tx, { id: userId, email: invitation.email, name: input.name!, passwordHash: passwordHash! }));
      const accepted = await deps.users.consumeInvitation({ token: input.token, userId: user.id, name: user.name });
      if (!accepted || accepted.status !== "active") throw invalidInvitation();
      if (!existing) {
        await appendToOutbox(tx, OUTBOX_SCHEMA, {
          event: userRegistered,
          organizationId: invitation.organizationId,
          aggregateType: "user",
          aggregateId: user.id,
          actor: scope.actor,
          data: { userId: user.id, email: user.email, name: user.name, roles: accepted.roles },
        });
      }
      const { tokens } = await issueTokens(tx, deps, {
        userId: user.id,
        organizationId: invitation.organizationId,
        roles: accepted.roles,
        permissions: accepted.permissions,
        familyId: uuidv7(),
        sessionStartedAt: new Date(),
      });
      return sessionOf({ userId: user.id, organizationId: invitation.organizationId }, tokens);
    },
    // A concurrent registration of the same email wins; this one answers as registration would.
    { conflict: emailTaken, transaction: { timeout: deps.usersTimeoutMs + TRANSACTION_MARGIN_MS } },
  );
}

/** What registration would refuse is refused here too, with the same 400 details. */
function assertNewAccountInput(input: AcceptInvitationInput): void {
  const details: ErrorDetail[] = passwordSchema.safeParse(input.password).error?.issues.map((issue) => ({ path: "password", message: issue.message })) ?? [];
  if (!input.name) details.push({ path: "name", message: "Required for a new account" });
  if (details.length > 0) throw newAccountInvalid(details);
}
