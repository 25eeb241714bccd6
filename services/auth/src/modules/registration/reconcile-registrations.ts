/**
 * Settles registrations that a crash (or an undo that failed) left half-done: each log row
 * older than any registration takes (see register.ts) is completed or compensated, once, by
 * whichever auth instance claims it first. What happens depends on where the organization got:
 *
 * - tenant has none, or only a pending one: nothing usable exists, so the remains are removed
 *   (users' rows for it, the pending organization) and the row goes;
 * - tenant activated it (the crash came after activation, before auth committed): the
 *   organization is live and announced, so the registration is completed: users' owner step
 *   again (idempotent), the account with the password the person chose, `auth.user.registered`;
 * - the email has meanwhile become someone's account (say the person registered again after
 *   the error): the registration cannot be completed, so the organization is suspended and its
 *   users data removed, and an error is logged for an operator.
 */
import { appendToOutbox } from "@erp/events";
import { organizationIdOf } from "@erp/scope";
import type { Logger } from "@erp/logging";
import type { TenantClient } from "../../clients/tenant-client";
import type { UsersClient } from "../../clients/users-client";
import type { AuthDatabase, Tx } from "../../database";
import { OUTBOX_SCHEMA, serviceActor, userRegistered } from "../../events";
import type { Registration } from "../../generated/prisma/client";
import { userRepository } from "../accounts/user.repository";
import { compensate } from "./register";
import { registrationRepository } from "./registration.repository";

export interface ReconcileDeps {
  db: AuthDatabase;
  tenant: TenantClient;
  users: UsersClient;
  logger: Logger;
  tenantTimeoutMs: number;
  usersTimeoutMs: number;
}

export interface ReconcileResult {
  /** Registrations completed: the owner can sign in. */
  completed: number;
  /** Registrations whose remains were removed (nothing had gone live). */
  compensated: number;
  /** Live organizations that could not be completed and were suspended. */
  suspended: number;
  /** Rows that could not be settled now (a service was unreachable); tried again next time. */
  failed: number;
}

type Outcome = Exclude<keyof ReconcileResult, "failed"> | "skipped";

const BATCH = 50;
const TRANSACTION_MARGIN_MS = 5000;

/**
 * Settles every log row older than `olderThanMs` (at most 50 per call).
 * @param olderThanMs must exceed the longest registration from its log row to its commit, or a
 *   slow registration is settled under its feet (it then answers 502 and changes nothing)
 */
export async function reconcileRegistrations(deps: ReconcileDeps, olderThanMs: number): Promise<ReconcileResult> {
  const cutoff = new Date(Date.now() - olderThanMs);
  const stale = await deps.db.transaction((tx) => registrationRepository.listStale(tx, cutoff, BATCH));
  const result: ReconcileResult = { completed: 0, compensated: 0, suspended: 0, failed: 0 };
  // Each row in a transaction of its own that holds its lock while the other services answer.
  const timeout = 2 * (deps.tenantTimeoutMs + deps.usersTimeoutMs) + TRANSACTION_MARGIN_MS;
  for (const { organizationId } of stale) {
    try {
      const id = organizationIdOf(organizationId);
      const outcome = await deps.db.withOrganization(
        id,
        async (tx): Promise<Outcome> => {
          const registration = await registrationRepository.claim(tx, id, cutoff);
          return registration ? settle(tx, deps, registration) : "skipped";
        },
        { timeout },
      );
      if (outcome !== "skipped") result[outcome] += 1;
    } catch (err) {
      result.failed += 1;
      deps.logger.warn("a half-done registration could not be settled yet", {
        organizationId,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return result;
}

async function settle(tx: Tx, deps: ReconcileDeps, registration: Registration): Promise<Outcome> {
  const organizationId = organizationIdOf(registration.organizationId);
  const status = await deps.tenant.organizationStatus(organizationId);
  if (status === null || status === "pending") {
    // Undone for good before the row goes; a failure throws and the row waits for the next round.
    if (!(await compensate(deps, organizationId))) throw new Error("compensation failed");
    await registrationRepository.finish(tx, organizationId);
    return "compensated";
  }

  const holder = await userRepository.findByEmail(tx, registration.email);
  if (holder?.id === registration.userId) {
    // Only if its row outlived a committed registration: nothing is missing.
    await registrationRepository.finish(tx, organizationId);
    return "completed";
  }
  if (holder) {
    if (status === "active") await deps.tenant.suspendOrganization(organizationId);
    await deps.users.deleteOrganization(organizationId);
    await registrationRepository.finish(tx, organizationId);
    deps.logger.error("registration could not be completed: its email belongs to another account now; organization suspended", {
      organizationId,
    });
    return "suspended";
  }

  const { roles } = await deps.users.createOwner(organizationId, {
    userId: registration.userId,
    email: registration.email,
    name: registration.name,
  });
  await userRepository.create(tx, {
    id: registration.userId,
    email: registration.email,
    name: registration.name,
    passwordHash: registration.passwordHash,
  });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: userRegistered,
    organizationId,
    aggregateType: "user",
    aggregateId: registration.userId,
    actor: serviceActor,
    data: { userId: registration.userId, email: registration.email, name: registration.name, roles },
  });
  await registrationRepository.finish(tx, organizationId);
  deps.logger.warn("completed a registration that crashed after its organization was activated", { organizationId });
  return "completed";
}
