/**
 * The weighted forecast: open opportunities expected to close between two dates, by expected close
 * month and owner, per currency and, where the base currency is known, in it (every currency with a
 * rate converted, base-currency.ts); weighted = Σ amount × stage probability / 100, rounded once.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { baseFigures, conversionOf, opportunityRateSql, perCurrency, ratesSql, ratesUsed } from "./base-currency";
import { currencyMode } from "./currency-mode";
import type { ForecastDto } from "./report.schemas";

/** One grouping: a month, owner and currency; a month and owner; a currency; or all (`every_*` = 1 when grouped over it). */
interface Row {
  month: string | null;
  owner_id: string | null;
  currency: string | null;
  every_month: number;
  every_currency: number;
  count: number;
  amount: string | null;
  weighted: string | null;
  base_count: number;
  base_total: string | null;
  base_weighted: string | null;
}

export async function forecastReport(tx: Tx, scope: Scope, query: { from: string; to: string; pipelineId?: string; ownerId?: string }): Promise<ForecastDto> {
  const { organizationId } = scope;
  const conversion = await conversionOf(tx, scope);
  const pipelineId = query.pipelineId ?? null;
  const ownerId = query.ownerId ?? null;
  const rows = await tx.$queryRaw<Row[]>`
    WITH rates AS (${ratesSql(organizationId, conversion)}),
    deals AS (
      SELECT to_char(o.expected_close_date, 'YYYY-MM') AS month, o.owner_id, o.currency::text AS currency, o.amount,
             o.amount * s.probability * 0.01 AS weighted, ${opportunityRateSql(conversion)} AS rate
      FROM opportunities o
      JOIN pipeline_stages s ON s.organization_id = o.organization_id AND s.id = o.stage_id
      LEFT JOIN rates r ON r.currency = o.currency
      WHERE o.organization_id = ${organizationId}::uuid AND o.status = 'open'
        AND o.expected_close_date BETWEEN ${query.from}::date AND ${query.to}::date
        AND (${pipelineId}::uuid IS NULL OR o.pipeline_id = ${pipelineId}::uuid)
        AND (${ownerId}::uuid IS NULL OR o.owner_id = ${ownerId}::uuid)
    )
    SELECT month, owner_id, currency, GROUPING(month)::int AS every_month, GROUPING(currency)::int AS every_currency,
           count(*)::int AS count, sum(amount)::text AS amount, sum(weighted)::text AS weighted,
           (count(*) FILTER (WHERE rate IS NOT NULL))::int AS base_count,
           sum(amount * rate)::text AS base_total, sum(weighted * rate)::text AS base_weighted
    FROM deals
    GROUP BY GROUPING SETS ((month, owner_id, currency), (month, owner_id), (currency), ())
    ORDER BY month, owner_id NULLS LAST, currency`;

  const detail = rows.filter((r) => r.every_month === 0 && r.every_currency === 0);
  const byCurrency = rows.filter((r) => r.every_month === 1 && r.every_currency === 0 && r.currency !== null);
  const currencies = byCurrency.map((r) => r.currency!);
  const rates = await ratesUsed(tx, organizationId, conversion, currencies);
  const perMonthAndOwner = rows.filter((r) => r.every_month === 0 && r.every_currency === 1 && r.base_count > 0);
  return {
    from: query.from,
    to: query.to,
    ...currencyMode(currencies, conversion, rates.map((rate) => rate.currency)),
    ...conversion,
    rates,
    rows: detail
      .filter((r) => r.currency !== null)
      .map((r) => ({ month: r.month!, ownerId: r.owner_id, currency: r.currency!, count: r.count, amount: perCurrency(r.amount), weighted: perCurrency(r.weighted) })),
    totals: byCurrency.map((r) => ({ currency: r.currency!, count: r.count, amount: perCurrency(r.amount), weighted: perCurrency(r.weighted) })),
    baseRows: conversion.baseCurrency === null ? [] : perMonthAndOwner.map((r) => ({ month: r.month!, ownerId: r.owner_id, base: baseFigures(conversion, r)! })),
    baseTotals: baseFigures(conversion, rows.find((r) => r.every_month === 1 && r.every_currency === 1)),
    withoutAmount: detail.filter((r) => r.currency === null).reduce((n, r) => n + r.count, 0),
  };
}
