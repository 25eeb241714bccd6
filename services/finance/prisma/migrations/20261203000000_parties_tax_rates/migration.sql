-- Finance part 2, foundation: finance's read model of master-data's customers, suppliers and
-- products (fed by the master_data.* events, so documents validate ids and copy defaults without
-- calling master-data), and the organization's tax rates. Hand-written in lock-step with
-- prisma/schema.prisma (the drift test proves it).

-- CreateEnum
CREATE TYPE "finance"."tax_rate_scope" AS ENUM ('sales', 'purchase', 'both');

-- CreateTable
-- A customer or supplier as master-data last announced it. `source_event_at`: when the last event
-- applied to the row happened (an older event arriving late changes nothing).
CREATE TABLE "finance"."parties" (
    "organization_id" UUID NOT NULL,
    "kind" "finance"."party_type" NOT NULL,
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "legal_name" TEXT NOT NULL,
    "tax_id" TEXT,
    "email" TEXT,
    "billing_address" JSONB,
    "payment_terms_days" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "credit_limit" DECIMAL(18,2),
    "archived_at" TIMESTAMPTZ(3),
    "source_event_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "parties_pkey" PRIMARY KEY ("organization_id", "kind", "id"),
    CONSTRAINT "parties_payment_terms_days_check" CHECK ("payment_terms_days" >= 0)
);

-- A product as master-data last announced it; prices in `currency`, tax_rate a percent.
CREATE TABLE "finance"."products" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "unit_of_measure" TEXT NOT NULL,
    "sale_price" DECIMAL(18,2),
    "purchase_cost" DECIMAL(18,4),
    "currency" CHAR(3) NOT NULL,
    "tax_rate" DECIMAL(5,2),
    "archived_at" TIMESTAMPTZ(3),
    "source_event_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "products_pkey" PRIMARY KEY ("organization_id", "id")
);

-- A tax rate lines may carry: `rate` is a percent (20.0000 = 20 %), its tax posted to `tax_account_id`.
CREATE TABLE "finance"."tax_rates" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "rate" DECIMAL(7,4) NOT NULL,
    "tax_account_id" UUID NOT NULL,
    "applies_to" "finance"."tax_rate_scope" NOT NULL,
    "description" TEXT,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tax_rates_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "tax_rates_rate_check" CHECK ("rate" >= 0 AND "rate" <= 100)
);

-- CreateIndex
CREATE UNIQUE INDEX "tax_rates_organization_id_id_key" ON "finance"."tax_rates"("organization_id", "id");
CREATE UNIQUE INDEX "tax_rates_organization_id_name_key" ON "finance"."tax_rates"("organization_id", "name");

-- AddForeignKey
ALTER TABLE "finance"."tax_rates" ADD CONSTRAINT "tax_rates_organization_id_tax_account_id_fkey" FOREIGN KEY ("organization_id", "tax_account_id") REFERENCES "finance"."accounts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Row Level Security and erp_app's privileges (packages/db/README.md). The read model is written
-- by the consumers only; nothing deletes from it (archived rows stay, documents refer to them).
SELECT public.app_enable_tenant_isolation('finance.parties', ARRAY['SELECT', 'INSERT', 'UPDATE']);
SELECT public.app_enable_tenant_isolation('finance.products', ARRAY['SELECT', 'INSERT', 'UPDATE']);
SELECT public.app_enable_tenant_isolation('finance.tax_rates');
