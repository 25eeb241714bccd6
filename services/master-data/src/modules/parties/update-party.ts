/** Changes some fields of a customer or supplier; the event lists what changed. */
import { isUniqueViolation } from "@erp/db";
import { appendToOutbox, type Actor } from "@erp/events";
import { conflict, notFound } from "@erp/http-kit";
import type { MasterDataDb } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { changedFields } from "../../record-changes";
import { partyColumns } from "./party-data";
import type { PartyKindConfig } from "./party-kinds";
import { partyRepository } from "./party.repository";
import { partySnapshot, toPartyDto, updatableFields, type PartyDto, type UpdatePartyInput } from "./party.schemas";

export async function updateParty(
  db: MasterDataDb,
  organizationId: string,
  actor: Actor,
  kind: PartyKindConfig,
  id: string,
  input: UpdatePartyInput,
): Promise<PartyDto> {
  try {
    return await db.withOrganization(organizationId, async (tx) => {
      const repository = partyRepository(tx);
      const row = await repository.find(organizationId, kind.kind, id);
      if (!row) throw notFound(kind.label);
      const before = toPartyDto(row);
      const changed = changedFields(before, { ...before, ...input }, updatableFields);
      if (changed.length === 0) return before;

      const party = toPartyDto(await repository.update(organizationId, id, partyColumns(input)));
      await appendToOutbox(tx, OUTBOX_SCHEMA, {
        event: kind.events.updated,
        organizationId,
        aggregateType: kind.kind,
        aggregateId: id,
        actor,
        data: { ...partySnapshot(kind.kind, party), changedFields: changed },
      });
      return party;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`A ${kind.kind} with code ${input.code} already exists`);
    throw err;
  }
}
