/** One customer or supplier of the caller's organization. */
import { notFound } from "@erp/http-kit";
import type { MasterDataDb } from "../../db";
import type { PartyKindConfig } from "./party-kinds";
import { partyRepository } from "./party.repository";
import { toPartyDto, type PartyDto } from "./party.schemas";

export async function getParty(db: MasterDataDb, organizationId: string, kind: PartyKindConfig, id: string): Promise<PartyDto> {
  const row = await db.withOrganization(organizationId, (tx) => partyRepository(tx).find(organizationId, kind.kind, id));
  if (!row) throw notFound(kind.label);
  return toPartyDto(row);
}
