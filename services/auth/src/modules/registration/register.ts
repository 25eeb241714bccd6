/**
 * Registration: a new organization with its first user as owner, spanning three services.
 *
 * 0. auth commits a row in `registrations` (the saga's log) naming the organization and user;
 * 1. tenant creates the organization (status pending);
 * 2. one auth transaction deletes that row and writes the user; inside it, users creates the
 *    organization's built-in roles and the owner membership (answering the owner's permissions),
 *    auth writes the first refresh token and the `auth.user.registered` event, and tenant
 *    activates the organization. Activating before commit means a failed activation rolls back
 *    everything auth wrote, event included, so no consumer ever hears of a user that does not exist;
 * 3. on any failure after step 1 began, every step that may have completed is undone: users
 *    deletes what it holds for the organization, tenant deletes the pending organization, and the
 *    log row goes.
 *
 * What a crash (or an undo that fails) leaves behind is a log row older than any registration
 * takes, which the reconciler settles (reconcile-registrations.ts): in particular a crash after
 * tenant activated the organization but before step 2 committed, which would otherwise leave an
 * active organization with no owner, is completed from the row. Tenant's sweeper still removes
 * pending organizations on its own.
 */
import { inTransaction, uuidv7 } from "@erp/db";
import { appendToOutbox } from "@erp/events";
import { organizationIdOf, type Scope } from "@erp/scope";
import type { Logger } from "@erp/logging";
import type { TenantClient } from "../../clients/tenant-client";
import type { UsersClient } from "../../clients/users-client";
import type { AuthDatabase, Tx } from "../../database";
import { OUTBOX_SCHEMA, userRegistered } from "../../events";
import { normalizeEmail, userRepository } from "../accounts/user.repository";
import type { PasswordHasher } from "../credentials/password";
import { issueTokens, sessionOf, type Session, type TokenIssuing } from "../sessions/issue-tokens";
import { emailTaken, registrationTakenOver } from "./registration.errors";
import { registrationRepository } from "./registration.repository";

export interface RegisterDeps extends TokenIssuing {
  db: AuthDatabase;
  passwords: PasswordHasher;
  tenant: TenantClient;
  users: UsersClient;
  logger: Logger;
  /** The calls' timeouts; the transaction that waits for users and tenant must outlive them. */
  tenantTimeoutMs: number;
  usersTimeoutMs: number;
}

export interface RegisterInput {
  organizationName: string;
  name: string;
  email: string;
  password: string;
}

/** A session in the new organization, and the organization. */
export interface Registration extends Session {
  organization: { id: string; name: string; slug: string; status: string };
}

export interface RegisterOptions {
  /**
   * Runs last in the transaction that commits the owner (step 2), with the registration it will
   * answer: the route stores its Idempotency-Key answer there, so the registration and its answer
   * commit together. Throwing rolls step 2 back (and undoes steps 0-1 as any failure does).
   */
  beforeCommit?: (tx: Tx, registration: Registration) => Promise<void>;
}

/** Time for the inserts around the activation call. */
const TRANSACTION_MARGIN_MS = 5000;

/** The reconciler settled this registration while it was still running (it took longer than the reconciler waits). */
class RegistrationTakenOver extends Error {}

/**
 * Registers the organization and its owner (steps above) and answers the owner's first session.
 * @throws AppError 409 EMAIL_ALREADY_REGISTERED; 502/503/504 when tenant or users failed (after
 *   undoing what they did)
 */
export async function register(deps: RegisterDeps, input: RegisterInput, options: RegisterOptions = {}): Promise<Registration> {
  const email = normalizeEmail(input.email);
  // Checked up front so the common case creates nothing in tenant; the unique index covers races.
  if (await deps.db.transaction((tx) => userRepository.findByEmail(tx, email))) throw emailTaken();
  const passwordHash = await deps.passwords.hash(input.password);
  const organizationId = uuidv7();
  const userId = uuidv7();
  // The new owner acts in the new organization.
  const scope: Scope = { organizationId: organizationIdOf(organizationId), actor: { type: "user", id: userId } };
  await deps.db.transaction((tx) => registrationRepository.begin(tx, { organizationId, userId, email, name: input.name, passwordHash }));

  try {
    await deps.tenant.createOrganization({ id: organizationId, name: input.organizationName });
    const transaction = { timeout: deps.tenantTimeoutMs + deps.usersTimeoutMs + TRANSACTION_MARGIN_MS };
    return await inTransaction(
      deps.db,
      scope,
      async (tx) => {
        const registration = await registerOwner(tx, scope, { email, name: input.name, passwordHash }, deps);
        await options.beforeCommit?.(tx, registration);
        return registration;
      },
      { conflict: emailTaken, transaction },
    );
  } catch (err) {
    if (err instanceof RegistrationTakenOver) throw registrationTakenOver();
    if (await compensate(deps, organizationId)) await deps.db.transaction((tx) => registrationRepository.finish(tx, scope.organizationId));
    throw err;
  }
}

/** Step 2, in one transaction: the log row goes, the owner and their first session come, tenant activates. */
async function registerOwner(
  tx: Tx,
  scope: Scope,
  input: { email: string; name: string; passwordHash: string },
  deps: RegisterDeps,
): Promise<Registration> {
  const { organizationId } = scope;
  const userId = scope.actor.id;
  if (!(await registrationRepository.finish(tx, organizationId))) throw new RegistrationTakenOver("registration reconciled meanwhile");
  const user = await userRepository.create(tx, { id: userId, ...input });
  const { roles, permissions } = await deps.users.createOwner(organizationId, { userId, email: user.email, name: user.name });
  const { tokens } = await issueTokens(tx, deps, { userId, organizationId, roles, permissions, familyId: uuidv7(), sessionStartedAt: new Date() });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: userRegistered,
    organizationId,
    aggregateType: "user",
    aggregateId: userId,
    actor: scope.actor,
    data: { userId, email: user.email, name: user.name, roles },
  });
  const organization = await deps.tenant.activateOrganization(organizationId);
  return {
    ...sessionOf({ userId, organizationId }, tokens),
    organization: { id: organization.id, name: organization.name, slug: organization.slug, status: organization.status },
  };
}

/**
 * Best effort, newest step first; true when every step succeeded. A failure is logged and the
 * log row stays for the reconciler (an organization tenant already activated cannot be deleted:
 * the reconciler completes it instead); the original error wins.
 */
export async function compensate(deps: Pick<RegisterDeps, "users" | "tenant" | "logger">, organizationId: string): Promise<boolean> {
  const steps = [
    ["users", () => deps.users.deleteOrganization(organizationId)],
    ["tenant", () => deps.tenant.deleteOrganization(organizationId)],
  ] as const;
  let undone = true;
  for (const [service, undo] of steps) {
    try {
      await undo();
    } catch (err) {
      undone = false;
      deps.logger.warn(`registration compensation in ${service} failed; the reconciler will settle it`, {
        organizationId,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return undone;
}
