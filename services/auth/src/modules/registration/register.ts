/**
 * Registration: a new organization with its first user as owner, spanning three services.
 *
 * 1. tenant creates the organization (status pending);
 * 2. one auth transaction writes the user; inside it, users creates the organization's built-in
 *    roles and the owner membership (answering the owner's permissions), auth writes the first
 *    refresh token and the `auth.user.registered` event, and tenant activates the organization.
 *    Activating before commit means a failed activation rolls back everything auth wrote, event
 *    included, so no consumer ever hears of a user that does not exist;
 * 3. on any failure after step 1 began, every step that may have completed is undone: users
 *    deletes what it holds for the organization, tenant deletes the pending organization. If the
 *    process dies before compensating, tenant's sweeper removes pending organizations (users'
 *    rows for a never-activated organization grant nothing: no token is ever issued for them).
 */
import { isUniqueViolation, uuidv7 } from "@erp/db";
import { appendToOutbox } from "@erp/events";
import { conflict } from "@erp/http-kit";
import type { Logger } from "@erp/logging";
import type { TenantClient } from "../../clients/tenant-client";
import type { UsersClient } from "../../clients/users-client";
import type { AuthDatabase } from "../../database";
import { OUTBOX_SCHEMA, userRegistered } from "../../events";
import { normalizeEmail, userRepository } from "../accounts/user.repository";
import type { PasswordHasher } from "../credentials/password";
import { issueTokens, type TokenIssuing, type TokenPair } from "../sessions/issue-tokens";

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

export interface Registration {
  organization: { id: string; name: string; slug: string; status: string };
  user: { id: string; email: string; name: string };
  tokens: TokenPair;
}

/** Time for the inserts around the activation call. */
const TRANSACTION_MARGIN_MS = 5000;

const emailTaken = () => conflict("An account with this email already exists", "EMAIL_ALREADY_REGISTERED");

export async function register(deps: RegisterDeps, input: RegisterInput): Promise<Registration> {
  const email = normalizeEmail(input.email);
  // Checked up front so the common case creates nothing in tenant; the unique index covers races.
  if (await deps.db.transaction((tx) => userRepository.findByEmail(tx, email))) throw emailTaken();
  const passwordHash = await deps.passwords.hash(input.password);
  const organizationId = uuidv7();
  const userId = uuidv7();

  try {
    await deps.tenant.createOrganization({ id: organizationId, name: input.organizationName });
    const transactionTimeout = { timeout: deps.tenantTimeoutMs + deps.usersTimeoutMs + TRANSACTION_MARGIN_MS };
    return await deps.db.withOrganization(organizationId, async (tx) => {
      const user = await userRepository.create(tx, { id: userId, email, name: input.name, passwordHash });
      const { roles, permissions } = await deps.users.createOwner(organizationId, { userId, email, name: user.name });
      const { tokens } = await issueTokens(tx, deps, { userId, organizationId, roles, permissions, familyId: uuidv7(), sessionStartedAt: new Date() });
      await appendToOutbox(tx, OUTBOX_SCHEMA, {
        event: userRegistered,
        organizationId,
        aggregateType: "user",
        aggregateId: userId,
        actor: { type: "user", id: userId },
        data: { userId, email, name: user.name, roles },
      });
      const organization = await deps.tenant.activateOrganization(organizationId);
      return {
        organization: { id: organization.id, name: organization.name, slug: organization.slug, status: organization.status },
        user: { id: user.id, email: user.email, name: user.name },
        tokens,
      };
    }, transactionTimeout);
  } catch (err) {
    await compensate(deps, organizationId);
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
}

/** Best effort, newest step first: a failure is logged (tenant's sweeper remains), the original error wins. */
async function compensate(deps: RegisterDeps, organizationId: string): Promise<void> {
  const steps = [
    ["users", () => deps.users.deleteOrganization(organizationId)],
    ["tenant", () => deps.tenant.deleteOrganization(organizationId)],
  ] as const;
  for (const [service, undo] of steps) {
    try {
      await undo();
    } catch (err) {
      deps.logger.error(`registration compensation in ${service} failed`, {
        organizationId,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
}
