/**
 * Finance's exchange rates, copied into the CRM's read model for the reports' conversion to the
 * base currency; each event also says the organization's base currency (the rates are in it).
 */
import { exchangeRateDeleted, exchangeRateRecorded, exchangeRateUpdated } from "@erp/event-catalog";
import { eventHandler } from "@erp/events";
import type { Tx } from "../db";
import { asService } from "../events";
import { applyBaseCurrency, applyExchangeRate } from "../modules/exchange-rates/exchange-rate-read-model";

const exchangeRateHandler = <D extends typeof exchangeRateRecorded | typeof exchangeRateUpdated | typeof exchangeRateDeleted>(definition: D, deleted: boolean) =>
  eventHandler(definition, async (event, tx: Tx) => {
    const scope = asService(event.organizationId);
    const asOf = new Date(event.occurredAt);
    const { currency, effectiveDate, baseCurrency, rate } = event.data;
    await applyBaseCurrency(tx, scope, { baseCurrency, asOf });
    await applyExchangeRate(tx, scope, { currency, effectiveDate, baseCurrency, rate: deleted ? null : rate, asOf });
  });

export const exchangeRateHandlers = {
  [exchangeRateRecorded.type]: exchangeRateHandler(exchangeRateRecorded, false),
  [exchangeRateUpdated.type]: exchangeRateHandler(exchangeRateUpdated, false),
  [exchangeRateDeleted.type]: exchangeRateHandler(exchangeRateDeleted, true),
};
