/** A page of customers or suppliers, filtered, searched and sorted. */
import { keysetPage, listWindow, type Page } from "@erp/lists";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import type { PartyKindConfig } from "./party-kinds";
import { partyRepository } from "./party.repository";
import { partyView, toPartyDto, type PartyListQuery } from "./party.schemas";

export async function listParties(tx: Tx, scope: Scope, kind: PartyKindConfig, query: PartyListQuery): Promise<Page<ReturnType<typeof partyView>>> {
  const window = listWindow(query);
  const rows = await partyRepository(tx).list(scope.organizationId, kind.kind, query, window);
  return keysetPage(rows, window, (row) => partyView(kind.kind, toPartyDto(row)));
}
