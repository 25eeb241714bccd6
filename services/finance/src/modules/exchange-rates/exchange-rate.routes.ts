/** Exchange rates: the organization's table posting falls back to. */
import { created, noContent, pageSchema, type ServiceApp } from "@erp/http-kit";
import { permissions } from "../../permissions";
import { LEDGER_UNAVAILABLE } from "../ledger/ledger.errors";
import { inLedger, type Ledger } from "../ledger/ledger-transaction";
import { BASE_CURRENCY_RATE, rateExists } from "./exchange-rate.errors";
import {
  createExchangeRateBody,
  exchangeRateDto,
  exchangeRateIdParams,
  exchangeRateListQuery,
  updateExchangeRateBody,
} from "./exchange-rate.schemas";
import { createExchangeRate, deleteExchangeRate, getExchangeRate, listExchangeRates, updateExchangeRate } from "./manage-exchange-rates";

const tags = ["Exchange rates"];
const notFound = { 404: { description: "No such rate, or another organization's (NOT_FOUND)" } };
const unavailable = { 503: { description: "The organization's ledger could not be set up yet", codes: [LEDGER_UNAVAILABLE] } };

export function registerExchangeRateRoutes(route: ServiceApp["route"], ledger: Ledger): void {
  route({
    method: "get",
    path: "/exchange-rates",
    summary: "List exchange rates",
    description: "Filters: currency, from/to (effective dates). Newest first unless told.",
    tags,
    access: { permission: permissions.exchangeRateRead },
    request: { query: exchangeRateListQuery },
    responses: { 200: { description: "A page of rates", schema: pageSchema(exchangeRateDto) }, ...unavailable },
    handler: ({ scope, query }) => inLedger(ledger, scope, (tx) => listExchangeRates(tx, scope, query)),
  });

  route({
    method: "post",
    path: "/exchange-rates",
    summary: "Record an exchange rate",
    description: "Base currency per one unit of `currency`, from `effectiveDate` until the currency's next rate.",
    tags,
    access: { permission: permissions.exchangeRateManage },
    request: { body: createExchangeRateBody },
    responses: {
      201: { description: "The rate", schema: exchangeRateDto },
      409: { description: "The currency has a rate on that date", codes: ["CONFLICT"] },
      422: { description: "The base currency's rate is always 1", codes: [BASE_CURRENCY_RATE] },
      ...unavailable,
    },
    handler: async (ctx) => {
      const { scope, body } = ctx;
      const rate = await inLedger(ledger, scope, (tx) => createExchangeRate(tx, scope, body), {
        conflict: () => rateExists(body.currency, body.effectiveDate),
      });
      created(ctx, rate, ctx.location(`/exchange-rates/${rate.id}`));
    },
  });

  route({
    method: "get",
    path: "/exchange-rates/{id}",
    summary: "An exchange rate",
    tags,
    access: { permission: permissions.exchangeRateRead },
    request: { params: exchangeRateIdParams },
    responses: { 200: { description: "The rate", schema: exchangeRateDto }, ...notFound, ...unavailable },
    handler: ({ scope, params }) => inLedger(ledger, scope, (tx) => getExchangeRate(tx, scope, params)),
  });

  route({
    method: "patch",
    path: "/exchange-rates/{id}",
    summary: "Correct an exchange rate (entries already posted keep theirs)",
    tags,
    access: { permission: permissions.exchangeRateManage },
    request: { params: exchangeRateIdParams, body: updateExchangeRateBody },
    responses: { 200: { description: "The rate", schema: exchangeRateDto }, ...notFound, ...unavailable },
    handler: ({ scope, params, body }) => inLedger(ledger, scope, (tx) => updateExchangeRate(tx, scope, { id: params.id, changes: body })),
  });

  route({
    method: "delete",
    path: "/exchange-rates/{id}",
    summary: "Delete an exchange rate (entries already posted keep theirs)",
    tags,
    access: { permission: permissions.exchangeRateManage },
    request: { params: exchangeRateIdParams },
    responses: { 204: { description: "Deleted" }, ...notFound, ...unavailable },
    handler: async (ctx) => {
      await inLedger(ledger, ctx.scope, (tx) => deleteExchangeRate(tx, ctx.scope, ctx.params));
      noContent(ctx);
    },
  });
}
