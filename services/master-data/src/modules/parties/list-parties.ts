/** A page of customers or suppliers, filtered, searched and sorted. */
import { keysetPage, listWindow, type Page } from "@erp/http-kit";
import type { MasterDataDb } from "../../db";
import type { PartyKindConfig } from "./party-kinds";
import { partyRepository } from "./party.repository";
import { partyView, toPartyDto, type PartyListQuery } from "./party.schemas";

export async function listParties(
  db: MasterDataDb,
  organizationId: string,
  kind: PartyKindConfig,
  query: PartyListQuery,
): Promise<Page<ReturnType<typeof partyView>>> {
  const window = listWindow(query);
  const rows = await db.withOrganization(organizationId, (tx) => partyRepository(tx).list(organizationId, kind.kind, query, window));
  return keysetPage(rows, window, (row) => partyView(kind.kind, toPartyDto(row)));
}
