/** Every customer or supplier matching the list's filters, as CSV. */
import { exportCsv } from "../../csv/csv-export";
import type { MasterDataDb } from "../../db";
import { partyCsvColumns } from "./party-csv";
import type { PartyKindConfig } from "./party-kinds";
import { partyRepository } from "./party.repository";
import { toPartyDto, type PartyListQuery } from "./party.schemas";

export function exportParties(
  db: MasterDataDb,
  organizationId: string,
  kind: PartyKindConfig,
  query: Omit<PartyListQuery, "limit" | "cursor">,
): Promise<string> {
  return exportCsv(
    partyCsvColumns(kind.kind),
    query.sort,
    (window) => db.withOrganization(organizationId, (tx) => partyRepository(tx).list(organizationId, kind.kind, query, window)),
    toPartyDto,
  );
}
