/** Tax rates (`/tax-rates`): what document lines may carry, and where their tax is posted. */
import { isForeignKeyViolation } from "@erp/db";
import { created, noContent, pageSchema, wholePage, type ServiceApp } from "@erp/http-kit";
import { permissions } from "../../permissions";
import { LEDGER_UNAVAILABLE } from "../ledger/ledger.errors";
import { inLedger, type Ledger } from "../ledger/ledger-transaction";
import { TAX_ROUNDING_RULE } from "./tax-calculation";
import { INVALID_TAX_ACCOUNT, TAX_ACCOUNT_REQUIRED, UNKNOWN_TAX_ACCOUNT, taxRateInUse, taxRateNameTaken } from "./tax-rate.errors";
import { createTaxRateBody, taxRateDto, taxRateIdParams, taxRateListQuery, updateTaxRateBody } from "./tax-rate.schemas";
import { archiveTaxRate, createTaxRate, deleteTaxRate, getTaxRate, listTaxRates, restoreTaxRate, updateTaxRate } from "./manage-tax-rates";

const tags = ["Tax rates"];
const notFound = { 404: { description: "No such tax rate, or another organization's (NOT_FOUND)" } };
const unavailable = { 503: { description: "The organization's ledger could not be set up yet", codes: [LEDGER_UNAVAILABLE] } };
const nameTaken = { 409: { description: "Another tax rate has the name", codes: ["CONFLICT"] } };
const accountRules = { 422: { description: "The tax account is unknown, a group, archived or not of subtype tax", codes: [UNKNOWN_TAX_ACCOUNT, INVALID_TAX_ACCOUNT] } };
const invalidState = { 409: { description: "The rate is archived already, or not archived (INVALID_STATE)", codes: ["INVALID_STATE"] } };

export function registerTaxRateRoutes(route: ServiceApp["route"], ledger: Ledger): void {
  route({
    method: "get",
    path: "/tax-rates",
    summary: "List tax rates",
    description: `Every rate, by name, in one page. Filters: status, usableFor. ${TAX_ROUNDING_RULE}`,
    tags,
    access: { permission: permissions.taxRateRead },
    request: { query: taxRateListQuery },
    responses: { 200: { description: "The rates", schema: pageSchema(taxRateDto) }, ...unavailable },
    handler: async ({ scope, query }) => wholePage(await inLedger(ledger, scope, (tx) => listTaxRates(tx, scope, query)), query),
  });

  route({
    method: "post",
    path: "/tax-rates",
    summary: "Create a tax rate",
    description:
      "A percent of a line's net that document lines (invoices for sales, bills for purchase, or both) may carry; the tax is posted to `taxAccountId`, " +
      `by default the chart's first active tax account of the fitting side. ${TAX_ROUNDING_RULE}`,
    tags,
    access: { permission: permissions.taxRateManage },
    request: { body: createTaxRateBody },
    responses: {
      201: { description: "The rate", schema: taxRateDto },
      ...nameTaken,
      422: { ...accountRules[422], codes: [...accountRules[422].codes, TAX_ACCOUNT_REQUIRED] },
      ...unavailable,
    },
    handler: async (ctx) => {
      const { scope, body } = ctx;
      const rate = await inLedger(ledger, scope, (tx) => createTaxRate(tx, scope, body), { conflict: () => taxRateNameTaken(body.name) });
      created(ctx, rate, ctx.location(`/tax-rates/${rate.id}`));
    },
  });

  route({
    method: "get",
    path: "/tax-rates/{id}",
    summary: "A tax rate",
    tags,
    access: { permission: permissions.taxRateRead },
    request: { params: taxRateIdParams },
    responses: { 200: { description: "The rate", schema: taxRateDto }, ...notFound, ...unavailable },
    handler: ({ scope, params }) => inLedger(ledger, scope, (tx) => getTaxRate(tx, scope, params)),
  });

  route({
    method: "patch",
    path: "/tax-rates/{id}",
    summary: "Change a tax rate",
    description: "Documents issued already keep the rate and the amounts they were issued with.",
    tags,
    access: { permission: permissions.taxRateManage },
    request: { params: taxRateIdParams, body: updateTaxRateBody },
    responses: { 200: { description: "The rate", schema: taxRateDto }, ...notFound, ...nameTaken, ...accountRules, ...unavailable },
    handler: ({ scope, params, body }) =>
      inLedger(ledger, scope, (tx) => updateTaxRate(tx, scope, { id: params.id, changes: body }), {
        conflict: () => taxRateNameTaken(body.name ?? ""),
      }),
  });

  route({
    method: "post",
    path: "/tax-rates/{id}/archive",
    summary: "Archive a tax rate",
    description: "Documents that carry it keep it; new lines cannot take it.",
    tags,
    access: { permission: permissions.taxRateManage },
    request: { params: taxRateIdParams },
    responses: { 200: { description: "The rate", schema: taxRateDto }, ...notFound, ...invalidState, ...unavailable },
    handler: ({ scope, params }) => inLedger(ledger, scope, (tx) => archiveTaxRate(tx, scope, params)),
  });

  route({
    method: "post",
    path: "/tax-rates/{id}/restore",
    summary: "Restore an archived tax rate",
    tags,
    access: { permission: permissions.taxRateManage },
    request: { params: taxRateIdParams },
    responses: {
      200: { description: "The rate", schema: taxRateDto },
      ...notFound,
      ...invalidState,
      422: { description: "Its tax account was archived meanwhile", codes: [INVALID_TAX_ACCOUNT] },
      ...unavailable,
    },
    handler: ({ scope, params }) => inLedger(ledger, scope, (tx) => restoreTaxRate(tx, scope, params)),
  });

  route({
    method: "delete",
    path: "/tax-rates/{id}",
    summary: "Delete a tax rate no document uses",
    tags,
    access: { permission: permissions.taxRateManage },
    request: { params: taxRateIdParams },
    responses: {
      204: { description: "Deleted" },
      ...notFound,
      409: { description: "Documents use the rate: archive it instead", codes: ["CONFLICT"] },
      ...unavailable,
    },
    handler: async (ctx) => {
      await inLedger(ledger, ctx.scope, (tx) => deleteTaxRate(tx, ctx.scope, ctx.params)).catch((err: unknown) => {
        throw isForeignKeyViolation(err) ? taxRateInUse() : err;
      });
      noContent(ctx);
    },
  });
}
