/**
 * The organization's exchange rates: base currency per one unit of a currency, from a date until the
 * next rate of that currency. Posting takes the latest rate on or before an entry's date for every
 * line that gives none; changing a rate later changes nothing already posted. Every change is
 * published (finance.exchange_rate.recorded, updated, deleted) in its transaction, so other services
 * (the CRM's reports) keep their own copy instead of asking.
 */
import { uuidv7 } from "@erp/db";
import { exchangeRateDeleted, exchangeRateRecorded, exchangeRateUpdated } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/errors";
import { keysetPage, listWindow, type Page } from "@erp/lists";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { baseCurrencyRate, rateExists } from "./exchange-rate.errors";
import { exchangeRateRepository } from "./exchange-rate.repository";
import {
  toExchangeRateDto,
  type CreateExchangeRateInput,
  type ExchangeRateDto,
  type ExchangeRateListQuery,
  type UpdateExchangeRateInput,
} from "./exchange-rate.schemas";

/** The event's view of a rate: the DTO without its id and times. */
const published = (rate: ExchangeRateDto) => ({ currency: rate.currency, baseCurrency: rate.baseCurrency, effectiveDate: rate.effectiveDate, rate: rate.rate });

const outboxEntry = (scope: Scope, rate: ExchangeRateDto) => ({
  organizationId: scope.organizationId,
  aggregateType: "exchange_rate",
  aggregateId: rate.id,
  actor: scope.actor,
});

/** @throws AppError 422 BASE_CURRENCY_RATE; 409 CONFLICT (a rate of the currency on that date exists; a concurrent one is the insert's unique violation, which the caller maps) */
export async function createExchangeRate(tx: Tx, scope: Scope, input: CreateExchangeRateInput): Promise<ExchangeRateDto> {
  const { organizationId } = scope;
  const { baseCurrency } = await ledgerSettingsOf(tx, organizationId);
  if (input.currency === baseCurrency) throw baseCurrencyRate(input.currency);
  const repository = exchangeRateRepository(tx);
  if (await repository.findOn(organizationId, input.currency, input.effectiveDate)) throw rateExists(input.currency, input.effectiveDate);
  const rate = toExchangeRateDto(await repository.create(organizationId, { id: uuidv7(), ...input }), baseCurrency);
  await appendToOutbox(tx, OUTBOX_SCHEMA, { ...outboxEntry(scope, rate), event: exchangeRateRecorded, data: published(rate) });
  return rate;
}

/** @throws AppError 404 NOT_FOUND */
export async function getExchangeRate(tx: Tx, scope: Scope, input: { id: string }): Promise<ExchangeRateDto> {
  const row = await exchangeRateRepository(tx).find(scope.organizationId, input.id);
  if (!row) throw notFound("Exchange rate");
  return toExchangeRateDto(row, (await ledgerSettingsOf(tx, scope.organizationId)).baseCurrency);
}

/** @throws AppError 404 NOT_FOUND */
export async function updateExchangeRate(tx: Tx, scope: Scope, input: { id: string; changes: UpdateExchangeRateInput }): Promise<ExchangeRateDto> {
  const repository = exchangeRateRepository(tx);
  const before = await repository.findForUpdate(scope.organizationId, input.id);
  if (!before) throw notFound("Exchange rate");
  const rate = toExchangeRateDto(await repository.update(scope.organizationId, input.id, input.changes), (await ledgerSettingsOf(tx, scope.organizationId)).baseCurrency);
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    ...outboxEntry(scope, rate),
    event: exchangeRateUpdated,
    data: { ...published(rate), previousRate: before.rate.toFixed() },
  });
  return rate;
}

/** @throws AppError 404 NOT_FOUND */
export async function deleteExchangeRate(tx: Tx, scope: Scope, input: { id: string }): Promise<void> {
  const repository = exchangeRateRepository(tx);
  const row = await repository.findForUpdate(scope.organizationId, input.id);
  if (!row) throw notFound("Exchange rate");
  await repository.delete(scope.organizationId, input.id);
  const rate = toExchangeRateDto(row, (await ledgerSettingsOf(tx, scope.organizationId)).baseCurrency);
  await appendToOutbox(tx, OUTBOX_SCHEMA, { ...outboxEntry(scope, rate), event: exchangeRateDeleted, data: published(rate) });
}

export async function listExchangeRates(tx: Tx, scope: Scope, query: ExchangeRateListQuery): Promise<Page<ExchangeRateDto>> {
  const { baseCurrency } = await ledgerSettingsOf(tx, scope.organizationId);
  const window = listWindow(query);
  const rows = await exchangeRateRepository(tx).list(scope.organizationId, query, window);
  return keysetPage(rows, window, (row) => toExchangeRateDto(row, baseCurrency));
}
