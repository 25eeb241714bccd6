/**
 * Registration: a new organization with its first user as owner, spanning two services.
 *
 * 1. tenant creates the organization (status pending);
 * 2. one auth transaction writes the user, the owner membership, the first refresh token and the
 *    `auth.user.registered` event, and — still inside it — tenant activates the organization.
 *    Activating before commit means a failed activation rolls back everything auth wrote, event
 *    included, so no consumer ever hears of a user that does not exist;
 * 3. on any failure after step 1 began, tenant deletes the pending organization (compensation).
 *    If the process dies before compensating, tenant's sweeper removes pending organizations.
 */
import { isUniqueViolation, uuidv7 } from "@erp/db";
import { appendToOutbox } from "@erp/events";
import { conflict } from "@erp/http-kit";
import type { Logger } from "@erp/logging";
import type { TenantClient } from "../../clients/tenant-client";
import type { AuthDatabase } from "../../database";
import { OUTBOX_SCHEMA, userRegistered } from "../../events";
import { membershipRepository } from "../accounts/membership.repository";
import { normalizeEmail, userRepository } from "../accounts/user.repository";
import type { PasswordHasher } from "../credentials/password";
import { issueTokens, type TokenIssuing, type TokenPair } from "../sessions/issue-tokens";

export interface RegisterDeps extends TokenIssuing {
  db: AuthDatabase;
  passwords: PasswordHasher;
  tenant: TenantClient;
  logger: Logger;
  /** The tenant call's timeout; the transaction that waits for activation must outlive it. */
  tenantTimeoutMs: number;
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

const OWNER_ROLES = ["owner"];
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
    const transactionTimeout = { timeout: deps.tenantTimeoutMs + TRANSACTION_MARGIN_MS };
    return await deps.db.withOrganization(organizationId, async (tx) => {
      const user = await userRepository.create(tx, { id: userId, email, name: input.name, passwordHash });
      await membershipRepository.create(tx, organizationId, { userId, roles: OWNER_ROLES });
      const { tokens } = await issueTokens(tx, deps, { userId, organizationId, roles: OWNER_ROLES, familyId: uuidv7() });
      await appendToOutbox(tx, OUTBOX_SCHEMA, {
        event: userRegistered,
        organizationId,
        aggregateType: "user",
        aggregateId: userId,
        actor: { type: "user", id: userId },
        data: { userId, email, name: user.name, roles: OWNER_ROLES },
      });
      const organization = await deps.tenant.activateOrganization(organizationId);
      return {
        organization: { id: organization.id, name: organization.name, slug: organization.slug, status: organization.status },
        user: { id: user.id, email: user.email, name: user.name },
        tokens,
      };
    }, transactionTimeout);
  } catch (err) {
    await deleteOrganization(deps, organizationId);
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
}

/** Best effort: a failure is logged and left to tenant's sweeper, the original error wins. */
async function deleteOrganization(deps: RegisterDeps, organizationId: string): Promise<void> {
  try {
    await deps.tenant.deleteOrganization(organizationId);
  } catch (err) {
    deps.logger.error("registration compensation failed: pending organization left for the sweeper", {
      organizationId,
      error: err instanceof Error ? err.message : String(err),
    });
  }
}
