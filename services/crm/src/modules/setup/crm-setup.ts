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
import type { MemberDirectory } from "../members/member-directory";
import { learnMembers } from "../members/member-read-model";
import { setUpOrganization } from "./set-up-organization";

export interface Crm {
  db: CrmDb;
  /** Resolves once the scope's organization has its settings and default pipeline. */
  ensure(scope: Scope): Promise<void>;
  /** Makes sure the member read model knows each of `userIds` that the users service knows (see learnMembers). */
  learnMembers(scope: Scope, userIds: readonly (string | null | undefined)[]): Promise<void>;
}

export function createCrm(db: CrmDb, directory: MemberDirectory): Crm {
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
    learnMembers: (scope, userIds) => learnMembers(db, directory, scope, userIds),
  };
}

/** `assigns`: the owner and assignee ids the request gives records to, learnt before the transaction. */
export type InCrmOptions = InTransactionOptions & { assigns?: readonly (string | null | undefined)[] };

/**
 * A route's transaction: the organization set up first if it is not yet, the members it assigns
 * learnt, then `inTransaction`.
 * @throws what `inTransaction` and `fn` throw; 503/504 when the users service must be asked and cannot answer
 */
export async function inCrm<T>(crm: Crm, scope: Scope, fn: (tx: Tx) => Promise<T>, options: InCrmOptions = {}): Promise<T> {
  const { assigns, ...transaction } = options;
  await crm.ensure(scope);
  if (assigns) await crm.learnMembers(scope, assigns);
  return inTransaction(crm.db, scope, fn, transaction);
}
