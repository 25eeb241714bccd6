/** Restores an archived customer or supplier: active, in active lists and editable again. */
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { partyNotArchived } from "./party.errors";
import type { PartyKindConfig } from "./party-kinds";
import { partyRepository } from "./party.repository";
import { toPartyDto, type PartyDto } from "./party.schemas";

/** @throws AppError 404 NOT_FOUND; 409 INVALID_STATE when it is not archived */
export async function restoreParty(tx: Tx, scope: Scope, kind: PartyKindConfig, input: { id: string }): Promise<PartyDto> {
  const { organizationId } = scope;
  const repository = partyRepository(tx);
  const row = await repository.find(organizationId, kind.kind, input.id);
  if (!row) throw notFound(kind.label);
  if (row.status !== "archived") throw partyNotArchived(kind);
  const party = toPartyDto(await repository.update(organizationId, row.id, { status: "active", archivedAt: null }));
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: kind.events.restored,
    organizationId,
    aggregateType: kind.kind,
    aggregateId: row.id,
    actor: scope.actor,
    data: { code: party.code, status: "active" },
  });
  return party;
}
