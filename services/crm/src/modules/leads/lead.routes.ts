/** Leads: CRUD, their statuses, conversion, CSV export and import. */
import { IMPORT_DESCRIPTION, IMPORT_INVALID_ROWS, importQuery, importReportSchema, sendCsv } from "@erp/csv";
import { created, noContent, pageSchema, z, type ServiceApp } from "@erp/http-kit";
import { permissions } from "../../permissions";
import { UNKNOWN_REFERENCE } from "../../references";
import { STAGE_KIND_MISMATCH } from "../opportunities/opportunity.errors";
import { inCrm, type Crm } from "../setup/crm-setup";
import { ownerIdsOfCsv } from "../members/imported-owners";
import { changeLeadStatus } from "./change-lead-status";
import { convertLead } from "./convert-lead";
import { createLead } from "./create-lead";
import { deleteLead } from "./delete-lead";
import { exportLeads } from "./export-leads";
import { getLead } from "./get-lead";
import { importLeads } from "./import-leads";
import { leadCsvColumns, leadImportRow } from "./lead-csv";
import {
  conversionDto,
  convertLeadBody,
  createLeadBody,
  disqualifyLeadBody,
  leadDto,
  leadExportQuery,
  leadIdParams,
  leadListQuery,
  updateLeadBody,
} from "./lead.schemas";
import { listLeads } from "./list-leads";
import { updateLead } from "./update-lead";
import { directoryUnavailable } from "../members/member.errors";

const tags = ["Leads"];
const notFound = { 404: { description: "No such lead, or another organization's (NOT_FOUND)" } };

export function registerLeadRoutes(route: ServiceApp["route"], crm: Crm): void {
  route({
    method: "get",
    path: "/leads",
    summary: "List leads",
    description: "Filters: status, ownerId, source, tag, companyId (converted into); q searches the name, company name and email.",
    tags,
    access: { permission: permissions.leadRead },
    request: { query: leadListQuery },
    responses: { 200: { description: "A page of leads", schema: pageSchema(leadDto) } },
    handler: ({ scope, query }) => inCrm(crm, scope, (tx) => listLeads(tx, scope, query)),
  });

  route({
    method: "get",
    path: "/leads/export.csv",
    summary: "Export leads as CSV",
    tags,
    access: { permission: permissions.leadExport },
    request: { query: leadExportQuery },
    responses: { 200: { description: "CSV file", schema: z.string(), contentType: "text/csv" } },
    handler: ({ scope, query, res }) => sendCsv(res, "leads.csv", leadCsvColumns, exportLeads(crm.db, scope, query)),
  });

  route({
    method: "post",
    path: "/leads/import",
    summary: "Import leads from CSV",
    description: `${IMPORT_DESCRIPTION} A row matches a lead by its \`id\` (the export's first column); in upsert mode, without a known id, by its email when exactly one lead has it. In create mode other rows are new leads even when their email is a lead's; a converted lead cannot be changed.`,
    tags,
    access: { permission: permissions.leadImport },
    request: { query: importQuery, body: z.string().min(1), contentType: "text/csv" },
    responses: {
      ...directoryUnavailable,
      200: { description: "Import report", schema: importReportSchema },
      422: { description: "Some rows are invalid; nothing was imported (`error.details`: the dry run's errors)", codes: [IMPORT_INVALID_ROWS] },
    },
    handler: ({ scope, query, body }) => inCrm(crm, scope, (tx) => importLeads(tx, scope, { csv: body, dryRun: query.dryRun === "true", mode: query.mode }), {
        assigns: ownerIdsOfCsv(body, leadCsvColumns, leadImportRow),
      }),
  });

  route({
    method: "post",
    path: "/leads",
    summary: "Create a lead",
    description: "Status new; the owner defaults to the caller.",
    tags,
    access: { permission: permissions.leadCreate },
    request: { body: createLeadBody },
    responses: { 201: { description: "The new lead", schema: leadDto }, ...directoryUnavailable },
    handler: async (ctx) => {
      const { scope, body } = ctx;
      const lead = await inCrm(crm, scope, (tx) => createLead(tx, scope, body), { assigns: [body.ownerId] });
      created(ctx, lead, ctx.location(`/leads/${lead.id}`));
    },
  });

  route({
    method: "get",
    path: "/leads/{id}",
    summary: "A lead",
    tags,
    access: { permission: permissions.leadRead },
    request: { params: leadIdParams },
    responses: { 200: { description: "The lead", schema: leadDto }, ...notFound },
    handler: ({ scope, params }) => inCrm(crm, scope, (tx) => getLead(tx, scope, params)),
  });

  route({
    method: "patch",
    path: "/leads/{id}",
    summary: "Change a lead",
    description: "Its status moves through the actions (/contacted, /qualify, /disqualify, /convert). A converted lead is read-only.",
    tags,
    access: { permission: permissions.leadUpdate },
    request: { params: leadIdParams, body: updateLeadBody },
    responses: { 200: { description: "The lead", schema: leadDto }, ...notFound, 409: { description: "It was converted", codes: ["INVALID_STATE"] }, ...directoryUnavailable },
    handler: ({ scope, params, body }) => inCrm(crm, scope, (tx) => updateLead(tx, scope, { id: params.id, changes: body }), { assigns: [body.ownerId] }),
  });

  route({
    method: "delete",
    path: "/leads/{id}",
    summary: "Delete a lead",
    description: "Refused once converted; activities attached only to it go too.",
    tags,
    access: { permission: permissions.leadDelete },
    request: { params: leadIdParams },
    responses: { 204: { description: "Deleted" }, ...notFound, 409: { description: "It was converted", codes: ["INVALID_STATE"] } },
    handler: async (ctx) => {
      await inCrm(crm, ctx.scope, (tx) => deleteLead(tx, ctx.scope, ctx.params));
      noContent(ctx);
    },
  });

  const statusRoute = (path: string, status: "contacted" | "qualified", summary: string, from: string) =>
    route({
      method: "post",
      path: `/leads/{id}/${path}`,
      summary,
      description: `Allowed from ${from}.${status === "qualified" ? " Publishes crm.lead.qualified." : ""}`,
      tags,
      access: { permission: permissions.leadUpdate },
      request: { params: leadIdParams },
      responses: { 200: { description: "The lead", schema: leadDto }, ...notFound, 409: { description: "Its status does not allow it", codes: ["INVALID_STATE"] } },
      handler: ({ scope, params }) => inCrm(crm, scope, (tx) => changeLeadStatus(tx, scope, { id: params.id, status })),
    });
  statusRoute("contacted", "contacted", "Mark a lead contacted", "new");
  statusRoute("qualify", "qualified", "Qualify a lead", "new or contacted");

  route({
    method: "post",
    path: "/leads/{id}/disqualify",
    summary: "Disqualify a lead",
    description: "Allowed from new, contacted or qualified, with the reason. Publishes crm.lead.disqualified.",
    tags,
    access: { permission: permissions.leadUpdate },
    request: { params: leadIdParams, body: disqualifyLeadBody },
    responses: { 200: { description: "The lead", schema: leadDto }, ...notFound, 409: { description: "Its status does not allow it", codes: ["INVALID_STATE"] } },
    handler: ({ scope, params, body }) => inCrm(crm, scope, (tx) => changeLeadStatus(tx, scope, { id: params.id, status: "disqualified", reason: body.reason })),
  });

  route({
    method: "post",
    path: "/leads/{id}/convert",
    summary: "Convert a lead",
    description:
      "In one transaction: links the company with the lead's email domain (free mailboxes excluded) or creates one from the company name, " +
      "links the active contact with the lead's address or creates one, creates an opportunity when `opportunity` is given, marks the lead converted " +
      "and publishes crm.lead.converted (master-data makes the customer from it, once). Idempotent: converting again answers the first conversion.",
    tags,
    access: { permission: permissions.leadConvert },
    request: { params: leadIdParams, body: convertLeadBody },
    responses: {
      200: { description: "What the lead became", schema: conversionDto },
      404: { description: "No such lead, or another organization's; or no such pipeline (NOT_FOUND)" },
      409: { description: "It was disqualified", codes: ["INVALID_STATE"] },
      422: { description: "The opportunity's stage is unknown or not an open stage", codes: [UNKNOWN_REFERENCE, STAGE_KIND_MISMATCH] },
    },
    handler: ({ scope, params, body }) =>
      inCrm(crm, scope, (tx) => convertLead(tx, scope, { id: params.id, ...body }), { conflict: "A company or contact was created concurrently: try again" }),
  });
}
