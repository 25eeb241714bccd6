/** Changes some fields of a customer or supplier; the event lists what changed, and nothing changed writes nothing. */
import { appendToOutbox, changedFields } from "@erp/events";
import { notFound } from "@erp/errors";
import { Decimal } from "@erp/money";
import type { Scope } from "@erp/scope";
import { normaliseCode } from "../../codes";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import type { Party } from "../../generated/prisma/client";
import { partyColumns } from "./party-data";
import { partyArchived, partyCodeTaken } from "./party.errors";
import type { PartyKindConfig } from "./party-kinds";
import { partyRepository } from "./party.repository";
import { partySnapshot, toPartyDto, updatableFields, type PartyDto, type UpdatePartyInput } from "./party.schemas";

/**
 * @throws AppError 404 NOT_FOUND; 409 INVALID_STATE when it is archived; 409 CONFLICT naming the
 *   party that has the new code (a concurrent change taking it is the update's unique violation,
 *   which the caller maps)
 */
export async function updateParty(tx: Tx, scope: Scope, kind: PartyKindConfig, input: { id: string; changes: UpdatePartyInput }): Promise<PartyDto> {
  const row = await partyRepository(tx).find(scope.organizationId, kind.kind, input.id);
  if (!row) throw notFound(kind.label);
  return changeParty(tx, scope, kind, row, input.changes);
}

/** The fields `changes` would change on `row`, in the order of the API shape; none: nothing to write. */
export function partyChanges(row: Party, changes: UpdatePartyInput): string[] {
  const before = toPartyDto(row);
  // Decimals compare at the column's scale: "5000.5" is the stored 5000.50.
  const creditLimit = changes.creditLimit ? new Decimal(changes.creditLimit).toFixed(2) : changes.creditLimit;
  const after = { ...before, ...changes, ...(changes.creditLimit !== undefined && { creditLimit }) };
  return changedFields(before, after, updatableFields);
}

/**
 * Writes `changes` over `row` with its updated event, unless nothing changes. Also what the CSV
 * import runs per matched row in upsert mode.
 * @throws AppError 409 INVALID_STATE when it is archived (read-only until restored), also when
 *   nothing would change; 409 CONFLICT naming the party that has the new code
 */
export async function changeParty(tx: Tx, scope: Scope, kind: PartyKindConfig, row: Party, changes: UpdatePartyInput): Promise<PartyDto> {
  const { organizationId } = scope;
  const repository = partyRepository(tx);
  if (row.status === "archived") throw partyArchived(kind);
  const changed = partyChanges(row, changes);
  if (changed.length === 0) return toPartyDto(row);
  if (changes.code !== undefined && normaliseCode(changes.code) !== normaliseCode(row.code)) {
    const [holder] = await repository.findByCodes(organizationId, kind.kind, [changes.code]);
    if (holder) throw partyCodeTaken(kind, holder);
  }
  const party = toPartyDto(await repository.update(organizationId, row.id, partyColumns(changes)));
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: kind.events.updated,
    organizationId,
    aggregateType: kind.kind,
    aggregateId: row.id,
    actor: scope.actor,
    data: { ...partySnapshot(kind.kind, party), changedFields: changed },
  });
  return party;
}
