/** One customer or supplier of the caller's organization. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import type { PartyKindConfig } from "./party-kinds";
import { partyRepository } from "./party.repository";
import { toPartyDto, type PartyDto } from "./party.schemas";

/** @throws AppError 404 NOT_FOUND, also for another organization's or the other kind's party */
export async function getParty(tx: Tx, scope: Scope, kind: PartyKindConfig, input: { id: string }): Promise<PartyDto> {
  const row = await partyRepository(tx).find(scope.organizationId, kind.kind, input.id);
  if (!row) throw notFound(kind.label);
  return toPartyDto(row);
}
