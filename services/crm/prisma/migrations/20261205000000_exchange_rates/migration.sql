-- Exchange rates (issue 15): the reports convert amounts to the organization's base currency with
-- finance's rates, kept here from finance.exchange_rate.* (no request asks finance). The base
-- currency comes from the tenant's organization events and the rate events.

-- AlterTable
ALTER TABLE "crm"."settings" ADD COLUMN     "base_currency" CHAR(3),
ADD COLUMN     "base_currency_as_of" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "crm"."exchange_rates" (
    "organization_id" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "effective_date" DATE NOT NULL,
    "base_currency" CHAR(3) NOT NULL,
    "rate" DECIMAL(20,10),
    "as_of" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "exchange_rates_pkey" PRIMARY KEY ("organization_id","currency","effective_date")
);

-- ── Table access (packages/db/README.md) ────────────────────────────────────────────────────────
-- Written by the consumers only; a deleted rate stays as a row without a rate (so an older event
-- delivered late cannot bring it back).
SELECT public.app_enable_tenant_isolation('crm.exchange_rates', ARRAY['SELECT', 'INSERT', 'UPDATE']);
