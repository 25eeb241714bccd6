/** Routes of one party kind (customers or suppliers): the same operations, each kind's permissions. */
import { created, pageSchema, z, type ServiceApp } from "@erp/http-kit";
import { IMPORT_DESCRIPTION, IMPORT_INVALID_ROWS, importQuery, importReportSchema, sendCsv } from "@erp/csv";
import { inTransaction } from "@erp/db";
import { rethrowCodeRace, type CodeRace } from "../../code-race";
import type { MasterDataDb } from "../../db";
import { CURRENCY_REQUIRED } from "../settings/settings.errors";
import { archiveParty } from "./archive-party";
import { createParty } from "./create-party";
import { exportParties } from "./export-parties";
import { getParty } from "./get-party";
import { importParties } from "./import-parties";
import { listParties } from "./list-parties";
import { partyCsvColumns } from "./party-csv";
import type { PartyKindConfig } from "./party-kinds";
import { partyWithCode } from "./party-with-code";
import { partyCodeTaken } from "./party.errors";
import { partyExportQuery, partyIdParams, partyListQuery, partySchemas, partyView } from "./party.schemas";
import { restoreParty } from "./restore-party";
import { updateParty } from "./update-party";

export function registerPartyRoutes(route: ServiceApp["route"], db: MasterDataDb, kind: PartyKindConfig): void {
  const { path, label, permissions } = kind;
  const schemas = partySchemas[kind.kind];
  const tags = [`${label}s`];
  const notFound = { 404: { description: `No such ${kind.kind}, or another organization's (NOT_FOUND)` } };
  const codeTaken = {
    409: {
      description: `Another ${kind.kind} has the code, ignoring case and surrounding spaces; \`error.details[0].existing\` is its \`{ id, code }\``,
      codes: ["CONFLICT"],
    },
  };
  /** A write that lost the race for `code` answers with the party that won it. */
  const codeRace = (code: string | undefined): CodeRace<{ id: string; code: string }> => ({
    code,
    findHolder: (tx, organizationId, taken) => partyWithCode(tx, organizationId, kind, taken),
    taken: (holder) => partyCodeTaken(kind, holder),
  });
  const view = (dto: Parameters<typeof partyView>[1]) => partyView(kind.kind, dto);

  route({
    method: "get",
    path,
    summary: `List ${kind.kind}s`,
    description: "Filters: status, tag; q searches code, names, email and tax id (as text: % and _ match themselves).",
    tags,
    access: { permission: permissions.read },
    request: { query: partyListQuery },
    responses: { 200: { description: `A page of ${kind.kind}s`, schema: pageSchema(schemas.dto) } },
    handler: ({ scope, query }) => inTransaction(db, scope, (tx) => listParties(tx, scope, kind, query)),
  });

  route({
    method: "get",
    path: `${path}/export.csv`,
    summary: `Export ${kind.kind}s as CSV`,
    description:
      "Every record matching the filters, with the columns the import reads, streamed as it is read. " +
      "A cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return, " +
      "other than a plain negative number) is prefixed with a single quote, which the import removes again.",
    tags,
    access: { permission: permissions.export },
    request: { query: partyExportQuery },
    responses: { 200: { description: "CSV file", schema: z.string(), contentType: "text/csv" } },
    handler: ({ scope, query, res }) => sendCsv(res, `${kind.kind}s.csv`, partyCsvColumns(kind.kind), exportParties(db, scope, kind, query)),
  });

  route({
    method: "post",
    path: `${path}/import`,
    summary: `Import ${kind.kind}s from CSV`,
    description: IMPORT_DESCRIPTION,
    tags,
    access: { permission: permissions.import },
    request: { query: importQuery, body: z.string().min(1), contentType: "text/csv" },
    responses: {
      200: { description: "Import report", schema: importReportSchema },
      422: {
        description: 'Some rows are invalid; nothing was imported. `error.details` are the dry run\'s `errors`: `{ path: "rows.<line>.<column>", message }`',
        codes: [IMPORT_INVALID_ROWS],
      },
    },
    handler: ({ scope, query, body }) =>
      inTransaction(db, scope, (tx) => importParties(tx, scope, kind, { csv: body, dryRun: query.dryRun === "true", mode: query.mode })),
  });

  route({
    method: "post",
    path,
    summary: `Create a ${kind.kind}`,
    tags,
    access: { permission: permissions.create },
    request: { body: schemas.create },
    responses: {
      201: { description: `The new ${kind.kind}`, schema: schemas.dto },
      ...codeTaken,
      422: { description: "No currency was given and the organization's base currency is not known yet", codes: [CURRENCY_REQUIRED] },
    },
    handler: async (ctx) => {
      const { scope, body } = ctx;
      const { party } = await inTransaction(db, scope, (tx) => createParty(tx, scope, kind, body)).catch((err: unknown) =>
        rethrowCodeRace(db, scope, err, codeRace(body.code)),
      );
      created(ctx, view(party), ctx.location(`${path}/${party.id}`));
    },
  });

  route({
    method: "get",
    path: `${path}/{id}`,
    summary: `A ${kind.kind}`,
    tags,
    access: { permission: permissions.read },
    request: { params: partyIdParams },
    responses: { 200: { description: `The ${kind.kind}`, schema: schemas.dto }, ...notFound },
    handler: async ({ scope, params }) => view(await inTransaction(db, scope, (tx) => getParty(tx, scope, kind, params))),
  });

  route({
    method: "patch",
    path: `${path}/{id}`,
    summary: `Change a ${kind.kind}`,
    tags,
    access: { permission: permissions.update },
    request: { params: partyIdParams, body: schemas.update },
    responses: {
      200: { description: `The ${kind.kind}`, schema: schemas.dto },
      ...notFound,
      409: {
        description: `${codeTaken[409].description}; or (INVALID_STATE) the ${kind.kind} is archived: read-only until restored`,
        codes: ["CONFLICT", "INVALID_STATE"],
      },
    },
    handler: async ({ scope, params, body }) =>
      view(
        await inTransaction(db, scope, (tx) => updateParty(tx, scope, kind, { id: params.id, changes: body })).catch((err: unknown) =>
          rethrowCodeRace(db, scope, err, codeRace(body.code)),
        ),
      ),
  });

  route({
    method: "post",
    path: `${path}/{id}/archive`,
    summary: `Archive a ${kind.kind}`,
    description:
      "Records are archived, not deleted: invoices, orders and payments keep referring to them. An archived record is read-only until restored.",
    tags,
    access: { permission: permissions.archive },
    request: { params: partyIdParams },
    responses: {
      200: { description: `The archived ${kind.kind}`, schema: schemas.dto },
      ...notFound,
      409: { description: "Already archived", codes: ["INVALID_STATE"] },
    },
    handler: async ({ scope, params }) => view(await inTransaction(db, scope, (tx) => archiveParty(tx, scope, kind, params))),
  });

  route({
    method: "post",
    path: `${path}/{id}/restore`,
    summary: `Restore an archived ${kind.kind}`,
    description: `Makes it active again: listed as active and editable. Publishes master_data.${kind.kind}.restored.`,
    tags,
    access: { permission: permissions.restore },
    request: { params: partyIdParams },
    responses: {
      200: { description: `The restored ${kind.kind}`, schema: schemas.dto },
      ...notFound,
      409: { description: "It is not archived", codes: ["INVALID_STATE"] },
    },
    handler: async ({ scope, params }) => view(await inTransaction(db, scope, (tx) => restoreParty(tx, scope, kind, params))),
  });
}
