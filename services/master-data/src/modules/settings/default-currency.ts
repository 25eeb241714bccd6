/** New customers, suppliers and products without a currency get the organization's base currency. */
import type { RowError } from "@erp/csv";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import { currencyRequired } from "./settings.errors";
import { settingsRepository } from "./settings.repository";

/** The organization's base currency as this service knows it (null before the tenant's events arrived). */
export async function baseCurrencyOf(tx: Tx, organizationId: OrganizationId): Promise<string | null> {
  return (await settingsRepository(tx).read(organizationId)).baseCurrency;
}

/**
 * `currency` when given, else the organization's base currency.
 * @throws AppError 422 CURRENCY_REQUIRED when neither is known
 */
export async function currencyOrBase(tx: Tx, organizationId: OrganizationId, currency: string | undefined): Promise<string> {
  if (currency !== undefined) return currency;
  const base = await baseCurrencyOf(tx, organizationId);
  if (base === null) throw currencyRequired();
  return base;
}

/**
 * Row errors of an import for rows that would create a record without a currency while the base
 * currency, their default, is not known. `rows` are the rows that create (not those that update).
 */
export async function missingCurrencies(
  tx: Tx,
  organizationId: OrganizationId,
  rows: readonly { row: number; input: { currency?: string | undefined } }[],
): Promise<RowError[]> {
  const without = rows.filter((record) => record.input.currency === undefined);
  if (without.length === 0 || (await baseCurrencyOf(tx, organizationId)) !== null) return [];
  return without.map(({ row }) => ({ row, field: "currency", message: "Required until the organization's base currency is known" }));
}
