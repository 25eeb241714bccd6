/**
 * Makes sure an organization is set up before a route uses the CRM. Usually the tenant's
 * `organization.created` event did it already; an organization older than the CRM is set up on
 * its first request. Organizations known to be set up are remembered, so this costs nothing after
 * the first request.
 */
import { inTransaction, type InTransactionOptions } from "@erp/db";
import type { Scope } from "@erp/scope";
import type { CrmDb, Tx } from "../../db";
import { asService } from "../../events";
import { setUpOrganization } from "./set-up-organization";

export interface Crm {
  db: CrmDb;
  /** Resolves once the scope's organization has its settings and default pipeline. */
  ensure(scope: Scope): Promise<void>;
}

export function createCrm(db: CrmDb): Crm {
  const ready = new Set<string>();
  return {
    db,
    async ensure(scope) {
      const { organizationId } = scope;
      if (ready.has(organizationId)) return;
      const service = asService(organizationId);
      await inTransaction(db, service, (tx) => setUpOrganization(tx, service));
      ready.add(organizationId);
    },
  };
}

/**
 * A route's transaction: the organization set up first if it is not yet, then `inTransaction`.
 * @throws what `inTransaction` and `fn` throw
 */
export async function inCrm<T>(crm: Crm, scope: Scope, fn: (tx: Tx) => Promise<T>, options?: InTransactionOptions): Promise<T> {
  await crm.ensure(scope);
  return inTransaction(crm.db, scope, fn, options);
}
