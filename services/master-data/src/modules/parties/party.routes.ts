/** Routes of one party kind (customers or suppliers): the same operations, each kind's permissions. */
import { created, pageSchema, z, type ServiceApp } from "@erp/http-kit";
import { IMPORT_DESCRIPTION, importQuery, importReportSchema } from "../../csv/csv-import";
import { IMPORT_INVALID_ROWS } from "../../csv/csv.errors";
import type { MasterDataDb } from "../../db";
import { actorOf } from "../../events";
import { archiveParty } from "./archive-party";
import { createParty } from "./create-party";
import { exportParties } from "./export-parties";
import { getParty } from "./get-party";
import { importParties } from "./import-parties";
import { listParties } from "./list-parties";
import type { PartyKindConfig } from "./party-kinds";
import { partyExportQuery, partyIdParams, partyListQuery, partySchemas, partyView } from "./party.schemas";
import { updateParty } from "./update-party";

export function registerPartyRoutes(route: ServiceApp["route"], db: MasterDataDb, kind: PartyKindConfig): void {
  const { path, label, permissions } = kind;
  const schemas = partySchemas[kind.kind];
  const tags = [`${label}s`];
  const notFound = { 404: { description: `No such ${kind.kind}, or another organization's (NOT_FOUND)` } };
  const view = (dto: Parameters<typeof partyView>[1]) => partyView(kind.kind, dto);

  route({
    method: "get",
    path,
    summary: `List ${kind.kind}s`,
    description: "Filters: status, tag; q searches code, names, email and tax id.",
    tags,
    access: { permission: permissions.read },
    request: { query: partyListQuery },
    responses: { 200: { description: `A page of ${kind.kind}s`, schema: pageSchema(schemas.dto) } },
    handler: async ({ principal, query }) => listParties(db, principal.organizationId, kind, query),
  });

  route({
    method: "get",
    path: `${path}/export.csv`,
    summary: `Export ${kind.kind}s as CSV`,
    description: "Every record matching the filters, with the columns the import reads.",
    tags,
    access: { permission: permissions.export },
    request: { query: partyExportQuery },
    responses: { 200: { description: "CSV file", schema: z.string(), contentType: "text/csv" } },
    handler: async ({ principal, query, res }) => {
      const csv = await exportParties(db, principal.organizationId, kind, query);
      res.type("text/csv").attachment(`${kind.kind}s.csv`).send(csv);
    },
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
      422: { description: "Some rows are invalid; nothing was imported", codes: [IMPORT_INVALID_ROWS] },
    },
    handler: async ({ principal, query, body }) =>
      importParties(db, principal.organizationId, actorOf(principal), kind, body, query.dryRun === "true"),
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
      409: { description: "The code is taken (CONFLICT)" },
    },
    handler: async (ctx) => {
      const { party } = await createParty(db, ctx.principal.organizationId, actorOf(ctx.principal), kind, ctx.body);
      created(ctx, view(party), `/api/v1/master-data${path}/${party.id}`);
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
    handler: async ({ principal, params }) => view(await getParty(db, principal.organizationId, kind, params.id)),
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
      409: { description: "The code is taken (CONFLICT)" },
    },
    handler: async ({ principal, params, body }) =>
      view(await updateParty(db, principal.organizationId, actorOf(principal), kind, params.id, body)),
  });

  route({
    method: "post",
    path: `${path}/{id}/archive`,
    summary: `Archive a ${kind.kind}`,
    description: "Records are archived, not deleted: invoices, orders and payments keep referring to them.",
    tags,
    access: { permission: permissions.archive },
    request: { params: partyIdParams },
    responses: {
      200: { description: `The archived ${kind.kind}`, schema: schemas.dto },
      ...notFound,
      409: { description: "Already archived (INVALID_STATE)" },
    },
    handler: async ({ principal, params }) =>
      view(await archiveParty(db, principal.organizationId, actorOf(principal), kind, params.id)),
  });
}
