/** Imports customers or suppliers from CSV, all or nothing (see csv-import). */
import type { Actor } from "@erp/events";
import { importCsv, type ImportReport } from "../../csv/csv-import";
import type { MasterDataDb } from "../../db";
import { insertParty } from "./create-party";
import { partyCsvColumns } from "./party-csv";
import type { PartyKindConfig } from "./party-kinds";
import { partyRepository } from "./party.repository";
import { partySchemas, type CreatePartyInput } from "./party.schemas";

export function importParties(
  db: MasterDataDb,
  organizationId: string,
  actor: Actor,
  kind: PartyKindConfig,
  csv: string,
  dryRun: boolean,
): Promise<ImportReport> {
  return importCsv(db, organizationId, {
    csv,
    dryRun,
    columns: partyCsvColumns(kind.kind),
    schema: partySchemas[kind.kind].create,
    key: {
      column: "code",
      label: `${kind.label} code`,
      of: (input) => input.code,
      taken: (tx, codes) => partyRepository(tx).takenCodes(organizationId, kind.kind, codes),
    },
    insert: (tx, input) => insertParty(tx, organizationId, actor, kind, input as CreatePartyInput),
  });
}
