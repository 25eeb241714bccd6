/**
 * Converting the reports' amounts to the organization's base currency with the rates the CRM keeps
 * from finance (exchange-rate-read-model): each currency at its latest rate effective on the
 * report's date. Everything is summed exactly in PostgreSQL (numeric: products and sums are exact)
 * and rounded once, here, to the base currency's minor units (@erp/money's formatMoney), so a
 * base total is the exact sum of the converted amounts, rounded; amounts per currency keep 2 places.
 */
import { Decimal, formatDecimal, formatMoney } from "@erp/money";
import type { OrganizationId, Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { baseCurrencyOf } from "../exchange-rates/exchange-rate-read-model";
import type { BaseFiguresDto, CurrencyRateDto } from "./report.schemas";

export interface Conversion {
  /** null: the CRM does not know the organization's base currency yet; nothing is converted. */
  baseCurrency: string | null;
  /** The rates used are the latest effective on this date. */
  ratesAsOf: string;
}

/** Today (UTC): the reports show the pipeline as it is now, at today's rates. */
export async function conversionOf(tx: Tx, scope: Scope): Promise<Conversion> {
  return { baseCurrency: await baseCurrencyOf(tx, scope), ratesAsOf: new Date().toISOString().slice(0, 10) };
}

/** SQL: per currency, its latest rate into the base currency effective on the date (currency, rate, effective_date); none without a base currency. */
export function ratesSql(organizationId: OrganizationId, conversion: Conversion): Prisma.Sql {
  return Prisma.sql`
    SELECT DISTINCT ON (currency) currency, rate, effective_date
    FROM exchange_rates
    WHERE organization_id = ${organizationId}::uuid AND base_currency = ${conversion.baseCurrency}
      AND rate IS NOT NULL AND effective_date <= ${conversion.ratesAsOf}::date
    ORDER BY currency, effective_date DESC`;
}

/** SQL: the rate of opportunity `o` with the rates CTE joined as `r`: 1 in the base currency, null without a rate. */
export function opportunityRateSql(conversion: Conversion): Prisma.Sql {
  return Prisma.sql`CASE WHEN o.currency = ${conversion.baseCurrency} THEN 1 ELSE r.rate END`;
}

/** The rates used for `currencies` (those of them that have one, the base currency left out). */
export async function ratesUsed(tx: Tx, organizationId: OrganizationId, conversion: Conversion, currencies: readonly string[]): Promise<CurrencyRateDto[]> {
  if (conversion.baseCurrency === null || currencies.length === 0) return [];
  const rows = await tx.$queryRaw<{ currency: string; rate: string; effective_date: string }[]>`
    SELECT currency, rate::text AS rate, effective_date::text AS effective_date FROM (${ratesSql(organizationId, conversion)}) rates
    WHERE currency = ANY(${[...currencies]}::text[])
    ORDER BY currency`;
  return rows.map((row) => ({ currency: row.currency, rate: new Decimal(row.rate).toFixed(), effectiveDate: row.effective_date }));
}

/** An exact sum in a currency, rounded to 2 places (as the CRM stores amounts); none is 0. */
export const perCurrency = (sum: string | null): string => formatDecimal(new Decimal(sum ?? "0"), 2);

/** A group's converted figures (exact sums of what had a rate) rounded once to the base currency's minor units; null without a base currency. */
export function baseFigures(
  conversion: Conversion,
  row: { base_count: number; base_total: string | null; base_weighted: string | null } | undefined,
): BaseFiguresDto | null {
  const { baseCurrency } = conversion;
  if (baseCurrency === null) return null;
  return {
    count: row?.base_count ?? 0,
    total: formatMoney(row?.base_total ?? "0", baseCurrency),
    weighted: formatMoney(row?.base_weighted ?? "0", baseCurrency),
  };
}
