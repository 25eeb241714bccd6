/**
 * A create or change that lost a race for a code: both checked that no party had it, the other
 * committed first, and the unique index refused this one. The 409 still names the party that won.
 */
import { inTransaction, isUniqueViolation } from "@erp/db";
import type { Scope } from "@erp/scope";
import type { MasterDataDb } from "../../db";
import { partyCodeTaken } from "./party.errors";
import type { PartyKindConfig } from "./party-kinds";
import { partyRepository } from "./party.repository";

/** Rethrows `err`, as 409 CONFLICT naming the party that has `code` when `err` is a unique violation over it. */
export async function rethrowCodeRace(db: MasterDataDb, scope: Scope, kind: PartyKindConfig, code: string | undefined, err: unknown): Promise<never> {
  if (code !== undefined && isUniqueViolation(err)) {
    const [holder] = await inTransaction(db, scope, (tx) => partyRepository(tx).findByCodes(scope.organizationId, kind.kind, [code]));
    if (holder) throw partyCodeTaken(kind, holder);
  }
  throw err;
}
