/**
 * Imports customers or suppliers from CSV, all or nothing (see @erp/csv's importCsv). In upsert
 * mode a row whose code matches a party's (ignoring case) makes that party what the row says,
 * for the columns the file has, through the same change as PATCH.
 */
import { importCsv, type ImportMode, type ImportReport } from "@erp/csv";
import type { OrganizationId, Scope } from "@erp/scope";
import { normaliseCode } from "../../codes";
import type { Tx } from "../../db";
import { missingCurrencies } from "../settings/default-currency";
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
    references: async (tx, records) => {
      const creating = input.mode === "create" ? records : await unmatched(tx, organizationId, kind, records);
      return missingCurrencies(tx, organizationId, creating);
    },
    create: (tx, row) => createParty(tx, scope, kind, row as CreatePartyInput),
    update: {
      changes: (party, row, fields) => partyChanges(party, importedChanges(row as CreatePartyInput, fields)),
      apply: (tx, party, row, fields) => changeParty(tx, scope, kind, party, importedChanges(row as CreatePartyInput, fields)),
    },
  });
}

/** The records of an upsert that create a party: no code, or one no party has. */
async function unmatched<T extends { input: { code?: string } }>(tx: Tx, organizationId: OrganizationId, kind: PartyKindConfig, records: T[]): Promise<T[]> {
  const codes = records.flatMap((record) => record.input.code ?? []);
  const taken = new Set((await partyRepository(tx).findByCodes(organizationId, kind.kind, codes)).map((party) => normaliseCode(party.code)));
  return records.filter((record) => record.input.code === undefined || !taken.has(normaliseCode(record.input.code)));
}

/**
 * A row over an existing party: every field the file has a column for, as creating from the row
 * would set it (an empty cell clears an optional field; an empty display name is the legal name).
 * The code is the match, not a change: `abc-1` matching `ABC-1` keeps `ABC-1`. An empty currency
 * keeps the party's (a currency cannot be cleared, and the base currency is only a default for new ones).
 */
function importedChanges(row: CreatePartyInput, fields: ReadonlySet<string>): UpdatePartyInput {
  const values: Record<string, unknown> = { ...row, displayName: row.displayName ?? row.legalName };
  return Object.fromEntries(
    updatableFields
      .filter((field) => field !== "code" && fields.has(field) && !(field === "currency" && row.currency === undefined))
      .map((field) => [field, values[field] ?? null]),
  ) as UpdatePartyInput;
}
