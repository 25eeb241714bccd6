/** Companies: CRUD, CSV export and import, and their timeline (registered with the timeline routes). */
import { IMPORT_DESCRIPTION, IMPORT_INVALID_ROWS, importQuery, importReportSchema, sendCsv } from "@erp/csv";
import { created, noContent, pageSchema, z, type ServiceApp } from "@erp/http-kit";
import { permissions } from "../../permissions";
import { inCrm, type Crm } from "../setup/crm-setup";
import { ownerIdsOfCsv } from "../members/imported-owners";
import { COMPANY_IN_USE } from "./company.errors";
import { companyCsvColumns, companyCsvRow } from "./company-csv";
import { companyDto, companyExportQuery, companyIdParams, companyListQuery, createCompanyBody, updateCompanyBody } from "./company.schemas";
import { createCompany } from "./create-company";
import { deleteCompany } from "./delete-company";
import { exportCompanies } from "./export-companies";
import { getCompany } from "./get-company";
import { importCompanies } from "./import-companies";
import { listCompanies } from "./list-companies";
import { updateCompany } from "./update-company";
import { directoryUnavailable } from "../members/member.errors";

const tags = ["Companies"];
const notFound = { 404: { description: "No such company, or another organization's (NOT_FOUND)" } };
const domainTaken = {
  409: { description: "Another company of the organization has the domain; `error.details[0].existing.id` is it", codes: ["CONFLICT"] },
};
const conflict = "Another company of the organization has this domain";

export function registerCompanyRoutes(route: ServiceApp["route"], crm: Crm): void {
  route({
    method: "get",
    path: "/companies",
    summary: "List companies",
    description: "Filters: ownerId, tag, industry; q searches the name and the domain.",
    tags,
    access: { permission: permissions.companyRead },
    request: { query: companyListQuery },
    responses: { 200: { description: "A page of companies", schema: pageSchema(companyDto) } },
    handler: ({ scope, query }) => inCrm(crm, scope, (tx) => listCompanies(tx, scope, query)),
  });

  route({
    method: "get",
    path: "/companies/export.csv",
    summary: "Export companies as CSV",
    description: "Every company matching the filters, with the columns the import reads; formula-looking cells are neutralised.",
    tags,
    access: { permission: permissions.companyExport },
    request: { query: companyExportQuery },
    responses: { 200: { description: "CSV file", schema: z.string(), contentType: "text/csv" } },
    handler: ({ scope, query, res }) => sendCsv(res, "companies.csv", companyCsvColumns, exportCompanies(crm.db, scope, query)),
  });

  route({
    method: "post",
    path: "/companies/import",
    summary: "Import companies from CSV",
    description: `${IMPORT_DESCRIPTION} A row matches a company by its \`id\` (the export's first column) or, without a known id, by its domain (normalised); other rows are new companies. Columns the file lacks are left as they are.`,
    tags,
    access: { permission: permissions.companyImport },
    request: { query: importQuery, body: z.string().min(1), contentType: "text/csv" },
    responses: {
      ...directoryUnavailable,
      200: { description: "Import report", schema: importReportSchema },
      422: { description: "Some rows are invalid; nothing was imported (`error.details`: the dry run's errors)", codes: [IMPORT_INVALID_ROWS] },
    },
    handler: ({ scope, query, body }) =>
      inCrm(crm, scope, (tx) => importCompanies(tx, scope, { csv: body, dryRun: query.dryRun === "true", mode: query.mode }), {
        conflict,
        assigns: ownerIdsOfCsv(body, companyCsvColumns, companyCsvRow),
      }),
  });

  route({
    method: "post",
    path: "/companies",
    summary: "Create a company",
    description: "The owner defaults to the caller.",
    tags,
    access: { permission: permissions.companyCreate },
    request: { body: createCompanyBody },
    responses: { 201: { description: "The new company", schema: companyDto }, ...domainTaken, ...directoryUnavailable },
    handler: async (ctx) => {
      const { scope, body } = ctx;
      const company = await inCrm(crm, scope, (tx) => createCompany(tx, scope, body), { conflict, assigns: [body.ownerId] });
      created(ctx, company, ctx.location(`/companies/${company.id}`));
    },
  });

  route({
    method: "get",
    path: "/companies/{id}",
    summary: "A company",
    tags,
    access: { permission: permissions.companyRead },
    request: { params: companyIdParams },
    responses: { 200: { description: "The company", schema: companyDto }, ...notFound },
    handler: ({ scope, params }) => inCrm(crm, scope, (tx) => getCompany(tx, scope, params)),
  });

  route({
    method: "patch",
    path: "/companies/{id}",
    summary: "Change a company",
    tags,
    access: { permission: permissions.companyUpdate },
    request: { params: companyIdParams, body: updateCompanyBody },
    responses: { 200: { description: "The company", schema: companyDto }, ...notFound, ...domainTaken, ...directoryUnavailable },
    handler: ({ scope, params, body }) => inCrm(crm, scope, (tx) => updateCompany(tx, scope, { id: params.id, changes: body }), { conflict, assigns: [body.ownerId] }),
  });

  route({
    method: "delete",
    path: "/companies/{id}",
    summary: "Delete a company",
    description: "Refused while contacts or opportunities refer to it; activities attached only to it go too.",
    tags,
    access: { permission: permissions.companyDelete },
    request: { params: companyIdParams },
    responses: { 204: { description: "Deleted" }, ...notFound, 409: { description: "Contacts or opportunities refer to it", codes: [COMPANY_IN_USE] } },
    handler: async (ctx) => {
      await inCrm(crm, ctx.scope, (tx) => deleteCompany(tx, ctx.scope, ctx.params));
      noContent(ctx);
    },
  });
}
