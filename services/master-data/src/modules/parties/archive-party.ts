/** Archives a customer or supplier: kept for the history that references it, gone from active lists. */
import { appendToOutbox, type Actor } from "@erp/events";
import { conflict, notFound } from "@erp/http-kit";
import type { MasterDataDb } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import type { PartyKindConfig } from "./party-kinds";
import { partyRepository } from "./party.repository";
import { toPartyDto, type PartyDto } from "./party.schemas";

export async function archiveParty(
  db: MasterDataDb,
  organizationId: string,
  actor: Actor,
  kind: PartyKindConfig,
  id: string,
): Promise<PartyDto> {
  return db.withOrganization(organizationId, async (tx) => {
    const repository = partyRepository(tx);
    const row = await repository.find(organizationId, kind.kind, id);
    if (!row) throw notFound(kind.label);
    if (row.status === "archived") throw conflict(`The ${kind.kind} is already archived`, "INVALID_STATE");
    const party = toPartyDto(await repository.update(organizationId, id, { status: "archived", archivedAt: new Date() }));
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: kind.events.archived,
      organizationId,
      aggregateType: kind.kind,
      aggregateId: id,
      actor,
      data: { code: party.code, status: "archived" },
    });
    return party;
  });
}
