/**
 * The CRM's copy of finance's exchange rates and of the organization's base currency, written by
 * the consumers (finance.exchange_rate.*, tenant.organization.*) and read by the reports, which
 * convert amounts with them. Each is kept with the time its state happened (`asOf`): an event that
 * happened before what is kept, delivered late or again, changes nothing.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";

/**
 * Keeps the currency's rate effective on `effectiveDate` (null: deleted in finance, kept as such so
 * an older event cannot bring it back) unless what is kept is newer. Events of one instant apply in
 * delivery order (one rate's events are published in order: finance holds its row meanwhile).
 */
export async function applyExchangeRate(
  tx: Tx,
  scope: Scope,
  input: { currency: string; effectiveDate: string; baseCurrency: string; rate: string | null; asOf: Date },
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO exchange_rates (organization_id, currency, effective_date, base_currency, rate, as_of, updated_at)
    VALUES (${scope.organizationId}::uuid, ${input.currency}, ${input.effectiveDate}::date, ${input.baseCurrency}, ${input.rate}::numeric, ${input.asOf}, now())
    ON CONFLICT (organization_id, currency, effective_date) DO UPDATE
      SET base_currency = EXCLUDED.base_currency, rate = EXCLUDED.rate, as_of = EXCLUDED.as_of, updated_at = now()
    WHERE exchange_rates.as_of <= EXCLUDED.as_of`;
}

/** Keeps `baseCurrency` as the organization's unless what is kept is newer (the settings row is made if missing). */
export async function applyBaseCurrency(tx: Tx, scope: Scope, input: { baseCurrency: string; asOf: Date }): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO settings (organization_id, base_currency, base_currency_as_of, updated_at)
    VALUES (${scope.organizationId}::uuid, ${input.baseCurrency}, ${input.asOf}, now())
    ON CONFLICT (organization_id) DO UPDATE
      SET base_currency = EXCLUDED.base_currency, base_currency_as_of = EXCLUDED.base_currency_as_of, updated_at = now()
    WHERE settings.base_currency_as_of IS NULL OR settings.base_currency_as_of <= EXCLUDED.base_currency_as_of`;
}

/** The organization's base currency as the CRM knows it; null until an event said. */
export async function baseCurrencyOf(tx: Tx, scope: Scope): Promise<string | null> {
  const settings = await tx.settings.findUnique({ where: { organizationId: scope.organizationId }, select: { baseCurrency: true } });
  return settings?.baseCurrency ?? null;
}
