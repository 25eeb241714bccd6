/**
 * Imports customers or suppliers from CSV, all or nothing (see @erp/csv's importCsv). In upsert
 * mode a row whose code matches a party's (ignoring case) makes that party what the row says,
 * for the columns the file has, through the same change as PATCH; an archived party may match
 * only when the row leaves it unchanged (archived records are read-only until restored).
 */
import { importCsv, type CsvRecord, type ImportMode, type ImportReport, type RowError } from "@erp/csv";
import type { Scope } from "@erp/scope";
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
  // importCsv asks `update.changes` about every row that matches a party before it asks for
  // `references`: what the first learns, the second reports.
  const matched = new Map<object, Match>();
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
    references: async (tx, records) => [
      ...archivedRows(kind, records, matched),
      ...(await missingCurrencies(tx, organizationId, records.filter((record) => !matched.has(record.input)))),
    ],
    create: (tx, row) => createParty(tx, scope, kind, row as CreatePartyInput),
    update: {
      changes: (party, row, fields) => {
        const changed = partyChanges(party, importedChanges(row as CreatePartyInput, fields));
        matched.set(row, { code: party.code, changesArchived: changed.length > 0 && party.status === "archived" });
        return changed;
      },
      apply: (tx, party, row, fields) => changeParty(tx, scope, kind, party, importedChanges(row as CreatePartyInput, fields)),
    },
  });
}

/** What an upsert row matched: the party's code, and whether the row would change it while it is archived. */
interface Match {
  code: string;
  changesArchived: boolean;
}

/** Rows that would change an archived party, which is read-only until restored (unchanged rows are fine). */
function archivedRows(kind: PartyKindConfig, records: readonly CsvRecord<object>[], matched: ReadonlyMap<object, Match>): RowError[] {
  return records.flatMap(({ row, input }) => {
    const match = matched.get(input);
    return match?.changesArchived ? [{ row, field: "code", message: `${kind.label} ${match.code} is archived: restore it before changing it` }] : [];
  });
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
