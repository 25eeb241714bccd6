/** Contacts: CRUD, likely duplicates, merge, CSV export and import. */
import { IMPORT_DESCRIPTION, IMPORT_INVALID_ROWS, importQuery, importReportSchema, sendCsv } from "@erp/csv";
import { created, noContent, pageSchema, z, type ServiceApp } from "@erp/http-kit";
import { permissions } from "../../permissions";
import { UNKNOWN_REFERENCE } from "../../references";
import { inCrm, type Crm } from "../setup/crm-setup";
import { ownerIdsOfCsv } from "../members/imported-owners";
import { contactCsvColumns, contactImportRow } from "./contact-csv";
import { CONTACT_IN_USE, MERGE_INTO_ITSELF } from "./contact.errors";
import {
  contactDto,
  contactExportQuery,
  contactIdParams,
  contactListQuery,
  createContactBody,
  duplicatePairDto,
  duplicatesQuery,
  mergeContactBody,
  updateContactBody,
} from "./contact.schemas";
import { createContact } from "./create-contact";
import { deleteContact } from "./delete-contact";
import { exportContacts } from "./export-contacts";
import { findDuplicates } from "./find-duplicates";
import { getContact } from "./get-contact";
import { importContacts } from "./import-contacts";
import { listContacts } from "./list-contacts";
import { mergeContacts } from "./merge-contacts";
import { updateContact } from "./update-contact";
import { directoryUnavailable } from "../members/member.errors";

const tags = ["Contacts"];
const notFound = { 404: { description: "No such contact, or another organization's (NOT_FOUND)" } };
const emailTaken = "Another active contact has one of the email addresses; `error.details[0]` names the address (`emails.<i>`) and `existing.id` the contact";
const conflict = "Another contact has one of the email addresses";

export function registerContactRoutes(route: ServiceApp["route"], crm: Crm): void {
  route({
    method: "get",
    path: "/contacts",
    summary: "List contacts",
    description: "Filters: ownerId, companyId, tag, status (active by default); q searches first and last name and email addresses.",
    tags,
    access: { permission: permissions.contactRead },
    request: { query: contactListQuery },
    responses: { 200: { description: "A page of contacts", schema: pageSchema(contactDto) } },
    handler: ({ scope, query }) => inCrm(crm, scope, (tx) => listContacts(tx, scope, query)),
  });

  route({
    method: "get",
    path: "/contacts/duplicates",
    summary: "Likely duplicate contacts",
    description:
      "Pairs of active contacts with the same normalised email address or phone number, or a similar name (the same last name; first names equal or one the start of the other). " +
      "Addresses compare trimmed and lower-cased only: `ann+crm@x.com` and `ann@x.com` are not duplicates by email.",
    tags,
    access: { permission: permissions.contactRead },
    request: { query: duplicatesQuery },
    responses: { 200: { description: "Pairs, with the reasons", schema: z.array(duplicatePairDto) } },
    handler: ({ scope, query }) => inCrm(crm, scope, (tx) => findDuplicates(tx, scope, query)),
  });

  route({
    method: "get",
    path: "/contacts/export.csv",
    summary: "Export contacts as CSV",
    description: "Every active contact matching the filters, with the columns the import reads (emails and phones ;-separated, primary first).",
    tags,
    access: { permission: permissions.contactExport },
    request: { query: contactExportQuery },
    responses: { 200: { description: "CSV file", schema: z.string(), contentType: "text/csv" } },
    handler: ({ scope, query, res }) => sendCsv(res, "contacts.csv", contactCsvColumns, exportContacts(crm.db, scope, query)),
  });

  route({
    method: "post",
    path: "/contacts/import",
    summary: "Import contacts from CSV",
    description: `${IMPORT_DESCRIPTION} A row matches an active contact by its \`id\` (the export's first column) or, without a known id, by its first email address (trimmed and lower-cased); other rows are new contacts. Columns the file lacks are left as they are, and addresses and numbers the contact keeps keep their labels.`,
    tags,
    access: { permission: permissions.contactImport },
    request: { query: importQuery, body: z.string().min(1), contentType: "text/csv" },
    responses: {
      ...directoryUnavailable,
      200: { description: "Import report", schema: importReportSchema },
      409: { description: emailTaken, codes: ["CONFLICT"] },
      422: { description: "Some rows are invalid; nothing was imported (`error.details`: the dry run's errors)", codes: [IMPORT_INVALID_ROWS, UNKNOWN_REFERENCE] },
    },
    handler: ({ scope, query, body }) =>
      inCrm(crm, scope, (tx) => importContacts(tx, scope, { csv: body, dryRun: query.dryRun === "true", mode: query.mode }), {
        conflict,
        assigns: ownerIdsOfCsv(body, contactCsvColumns, contactImportRow),
      }),
  });

  route({
    method: "post",
    path: "/contacts",
    summary: "Create a contact",
    description: "The owner defaults to the caller. An address another active contact has answers 409 with that contact's id.",
    tags,
    access: { permission: permissions.contactCreate },
    request: { body: createContactBody },
    responses: {
      ...directoryUnavailable,
      201: { description: "The new contact", schema: contactDto },
      409: { description: emailTaken, codes: ["CONFLICT"] },
      422: { description: "No such company in the organization", codes: [UNKNOWN_REFERENCE] },
    },
    handler: async (ctx) => {
      const { scope, body } = ctx;
      const contact = await inCrm(crm, scope, (tx) => createContact(tx, scope, body), { conflict, assigns: [body.ownerId] });
      created(ctx, contact, ctx.location(`/contacts/${contact.id}`));
    },
  });

  route({
    method: "get",
    path: "/contacts/{id}",
    summary: "A contact",
    description: "The id of a merged contact answers the contact it was merged into.",
    tags,
    access: { permission: permissions.contactRead },
    request: { params: contactIdParams },
    responses: { 200: { description: "The contact", schema: contactDto }, ...notFound },
    handler: ({ scope, params }) => inCrm(crm, scope, (tx) => getContact(tx, scope, params)),
  });

  route({
    method: "patch",
    path: "/contacts/{id}",
    summary: "Change a contact",
    description: "emails and phones, when given, replace the lists.",
    tags,
    access: { permission: permissions.contactUpdate },
    request: { params: contactIdParams, body: updateContactBody },
    responses: {
      ...directoryUnavailable,
      200: { description: "The contact", schema: contactDto },
      ...notFound,
      409: { description: `${emailTaken}; or (INVALID_STATE) it was merged into another contact`, codes: ["CONFLICT", "INVALID_STATE"] },
      422: { description: "No such company in the organization", codes: [UNKNOWN_REFERENCE] },
    },
    handler: ({ scope, params, body }) => inCrm(crm, scope, (tx) => updateContact(tx, scope, { id: params.id, changes: body }), { conflict, assigns: [body.ownerId] }),
  });

  route({
    method: "delete",
    path: "/contacts/{id}",
    summary: "Delete a contact",
    description: "Refused while opportunities refer to it; activities attached only to it go too.",
    tags,
    access: { permission: permissions.contactDelete },
    request: { params: contactIdParams },
    responses: {
      204: { description: "Deleted" },
      ...notFound,
      409: { description: "Opportunities refer to it (CONTACT_IN_USE); or it was merged (INVALID_STATE)", codes: [CONTACT_IN_USE, "INVALID_STATE"] },
    },
    handler: async (ctx) => {
      await inCrm(crm, ctx.scope, (tx) => deleteContact(tx, ctx.scope, ctx.params));
      noContent(ctx);
    },
  });

  route({
    method: "post",
    path: "/contacts/{id}/merge",
    summary: "Merge a contact into another",
    description:
      "The contact in the path is merged into `intoId`, which stays: activities, opportunities, leads, emails, phones and tags move over, " +
      "the survivor's empty fields are filled from it, and its id keeps resolving to the survivor. Publishes crm.contact.merged.",
    tags,
    access: { permission: permissions.contactMerge },
    request: { params: contactIdParams, body: mergeContactBody },
    responses: {
      200: { description: "The surviving contact", schema: contactDto },
      ...notFound,
      409: { description: "One of them was merged already", codes: ["INVALID_STATE"] },
      422: { description: "intoId is the same contact", codes: [MERGE_INTO_ITSELF] },
    },
    handler: ({ scope, params, body }) => inCrm(crm, scope, (tx) => mergeContacts(tx, scope, { id: params.id, intoId: body.intoId })),
  });
}
