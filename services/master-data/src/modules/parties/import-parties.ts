/**
 * Imports customers or suppliers from CSV, all or nothing (see @erp/csv's importCsv). In upsert
 * mode a row whose code matches a party's (ignoring case) makes that party what the row says,
 * for the columns the file has, through the same change as PATCH.
 */
import { importCsv, type ImportMode, type ImportReport } from "@erp/csv";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { createParty } from "./create-party";
import { partyCsvColumns } from "./party-csv";
import type { PartyKindConfig } from "./party-kinds";
import { partyRepository } from "./party.repository";
import { partySchemas, updatableFields, type CreatePartyInput, type UpdatePartyInput } from "./party.schemas";
import { changeParty, partyChanges } from "./update-party";

/** @throws AppError 422 IMPORT_INVALID_ROWS when any row is invalid (not for a dry run, which reports them) */
export function importParties(
  tx: Tx,
  scope: Scope,
  kind: PartyKindConfig,
  input: { csv: string; dryRun: boolean; mode: ImportMode },
): Promise<ImportReport> {
  const { organizationId } = scope;
  return importCsv(tx, {
    ...input,
    columns: partyCsvColumns(kind.kind),
    schema: partySchemas[kind.kind].create,
    key: {
      column: "code",
      label: `${kind.label} code`,
      of: (row) => row.code,
      find: (tx, codes) => partyRepository(tx).findByCodes(organizationId, kind.kind, codes),
      keyOf: (party) => party.code,
    },
    create: (tx, row) => createParty(tx, scope, kind, row as CreatePartyInput),
    update: {
      changes: (party, row, fields) => partyChanges(party, importedChanges(row as CreatePartyInput, fields)),
      apply: (tx, party, row, fields) => changeParty(tx, scope, kind, party, importedChanges(row as CreatePartyInput, fields)),
    },
  });
}

/**
 * A row over an existing party: every field the file has a column for, as creating from the row
 * would set it (an empty cell clears an optional field; an empty display name is the legal name).
 * The code is the match, not a change: `abc-1` matching `ABC-1` keeps `ABC-1`.
 */
function importedChanges(row: CreatePartyInput, fields: ReadonlySet<string>): UpdatePartyInput {
  const values: Record<string, unknown> = { ...row, displayName: row.displayName ?? row.legalName };
  return Object.fromEntries(
    updatableFields.filter((field) => field !== "code" && fields.has(field)).map((field) => [field, values[field] ?? null]),
  ) as UpdatePartyInput;
}
