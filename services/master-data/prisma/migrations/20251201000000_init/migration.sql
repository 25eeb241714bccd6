-- Master-data service: parties (customers, suppliers), categories, products, warehouses, stock
-- ledger and on-hand, settings, outbox. Hand-written in lock-step with prisma/schema.prisma (the
-- drift test proves it).

-- CreateEnum
CREATE TYPE "master_data"."party_kind" AS ENUM ('customer', 'supplier');
CREATE TYPE "master_data"."party_type" AS ENUM ('company', 'individual');
CREATE TYPE "master_data"."record_status" AS ENUM ('active', 'archived');
CREATE TYPE "master_data"."product_type" AS ENUM ('stock_item', 'non_stock', 'service');
CREATE TYPE "master_data"."stock_movement_type" AS ENUM ('receipt', 'issue', 'transfer_out', 'transfer_in', 'adjustment');

-- CreateTable
CREATE TABLE "master_data"."organization_settings" (
    "organization_id" UUID NOT NULL,
    "allow_negative_stock" BOOLEAN NOT NULL DEFAULT false,
    "default_warehouse_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "organization_settings_pkey" PRIMARY KEY ("organization_id")
);

-- CreateTable
CREATE TABLE "master_data"."code_sequences" (
    "organization_id" UUID NOT NULL,
    "scope" TEXT NOT NULL,
    "last_value" INTEGER NOT NULL,

    CONSTRAINT "code_sequences_pkey" PRIMARY KEY ("organization_id", "scope")
);

-- CreateTable
CREATE TABLE "master_data"."parties" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "kind" "master_data"."party_kind" NOT NULL,
    "code" TEXT NOT NULL,
    "legal_name" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "type" "master_data"."party_type" NOT NULL,
    "tax_id" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "website" TEXT,
    "billing_address" JSONB,
    "shipping_address" JSONB,
    "payment_terms_days" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "credit_limit" DECIMAL(18,2),
    "tags" TEXT[],
    "notes" TEXT,
    "status" "master_data"."record_status" NOT NULL DEFAULT 'active',
    "source_reference" TEXT,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "parties_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "master_data"."categories" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "parent_id" UUID,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "categories_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "master_data"."products" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "type" "master_data"."product_type" NOT NULL,
    "category_id" UUID,
    "unit_of_measure" TEXT NOT NULL,
    "sale_price" DECIMAL(18,2),
    "purchase_cost" DECIMAL(18,4),
    "currency" CHAR(3) NOT NULL,
    "tax_rate" DECIMAL(5,2),
    "barcode" TEXT,
    "reorder_level" DECIMAL(18,3),
    "status" "master_data"."record_status" NOT NULL DEFAULT 'active',
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "master_data"."warehouses" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "warehouses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "master_data"."stock_levels" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "warehouse_id" UUID NOT NULL,
    "quantity" DECIMAL(18,3) NOT NULL,
    "average_cost" DECIMAL(18,4) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "stock_levels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "master_data"."stock_movements" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "warehouse_id" UUID NOT NULL,
    "type" "master_data"."stock_movement_type" NOT NULL,
    "quantity" DECIMAL(18,3) NOT NULL,
    "unit_cost" DECIMAL(18,4) NOT NULL,
    "quantity_after" DECIMAL(18,3) NOT NULL,
    "average_cost_after" DECIMAL(18,4) NOT NULL,
    "transfer_id" UUID,
    "reason" TEXT,
    "reference_type" TEXT,
    "reference_id" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_movements_pkey" PRIMARY KEY ("id")
);

-- CreateTable (same DDL in every service, docs/platform-packages.md)
CREATE TABLE "master_data"."outbox" (
    id uuid PRIMARY KEY,
    sequence bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    organization_id uuid NOT NULL,
    aggregate_type text NOT NULL,
    aggregate_id text NOT NULL,
    event_type text NOT NULL,
    event_version integer NOT NULL,
    envelope jsonb NOT NULL,
    created_at timestamptz(3) NOT NULL DEFAULT now(),
    published_at timestamptz(3)
);

-- CreateIndex
CREATE UNIQUE INDEX "parties_organization_id_kind_code_key" ON "master_data"."parties"("organization_id", "kind", "code");
CREATE UNIQUE INDEX "parties_organization_id_kind_source_reference_key" ON "master_data"."parties"("organization_id", "kind", "source_reference");
CREATE INDEX "parties_organization_id_kind_display_name_idx" ON "master_data"."parties"("organization_id", "kind", "display_name");
CREATE INDEX "parties_organization_id_kind_created_at_idx" ON "master_data"."parties"("organization_id", "kind", "created_at");

CREATE UNIQUE INDEX "categories_organization_id_id_key" ON "master_data"."categories"("organization_id", "id");
CREATE INDEX "categories_organization_id_parent_id_idx" ON "master_data"."categories"("organization_id", "parent_id");
-- Sibling names are unique regardless of case; roots (no parent) are siblings of each other.
CREATE UNIQUE INDEX "categories_sibling_name_key" ON "master_data"."categories"
    ("organization_id", COALESCE("parent_id", '00000000-0000-0000-0000-000000000000'::uuid), lower("name"));

CREATE UNIQUE INDEX "products_organization_id_id_key" ON "master_data"."products"("organization_id", "id");
CREATE UNIQUE INDEX "products_organization_id_sku_key" ON "master_data"."products"("organization_id", "sku");
CREATE INDEX "products_organization_id_name_idx" ON "master_data"."products"("organization_id", "name");
CREATE INDEX "products_organization_id_category_id_idx" ON "master_data"."products"("organization_id", "category_id");
CREATE INDEX "products_organization_id_created_at_idx" ON "master_data"."products"("organization_id", "created_at");

CREATE UNIQUE INDEX "warehouses_organization_id_id_key" ON "master_data"."warehouses"("organization_id", "id");
CREATE UNIQUE INDEX "warehouses_organization_id_code_key" ON "master_data"."warehouses"("organization_id", "code");
CREATE INDEX "warehouses_organization_id_name_idx" ON "master_data"."warehouses"("organization_id", "name");

CREATE UNIQUE INDEX "stock_levels_organization_id_product_id_warehouse_id_key" ON "master_data"."stock_levels"("organization_id", "product_id", "warehouse_id");
CREATE INDEX "stock_levels_organization_id_warehouse_id_idx" ON "master_data"."stock_levels"("organization_id", "warehouse_id");

CREATE INDEX "stock_movements_organization_id_product_id_warehouse_id_idx" ON "master_data"."stock_movements"("organization_id", "product_id", "warehouse_id");
CREATE INDEX "stock_movements_organization_id_warehouse_id_idx" ON "master_data"."stock_movements"("organization_id", "warehouse_id");
CREATE INDEX "stock_movements_organization_id_created_at_idx" ON "master_data"."stock_movements"("organization_id", "created_at");
CREATE INDEX "stock_movements_organization_id_transfer_id_idx" ON "master_data"."stock_movements"("organization_id", "transfer_id");
CREATE INDEX "stock_movements_organization_id_reference_type_reference_id_idx" ON "master_data"."stock_movements"("organization_id", "reference_type", "reference_id");

CREATE INDEX outbox_unpublished_idx ON "master_data"."outbox" (sequence) WHERE published_at IS NULL;

-- AddForeignKey
ALTER TABLE "master_data"."categories" ADD CONSTRAINT "categories_organization_id_parent_id_fkey" FOREIGN KEY ("organization_id", "parent_id") REFERENCES "master_data"."categories"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "master_data"."products" ADD CONSTRAINT "products_organization_id_category_id_fkey" FOREIGN KEY ("organization_id", "category_id") REFERENCES "master_data"."categories"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "master_data"."stock_levels" ADD CONSTRAINT "stock_levels_organization_id_product_id_fkey" FOREIGN KEY ("organization_id", "product_id") REFERENCES "master_data"."products"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "master_data"."stock_levels" ADD CONSTRAINT "stock_levels_organization_id_warehouse_id_fkey" FOREIGN KEY ("organization_id", "warehouse_id") REFERENCES "master_data"."warehouses"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "master_data"."stock_movements" ADD CONSTRAINT "stock_movements_organization_id_product_id_fkey" FOREIGN KEY ("organization_id", "product_id") REFERENCES "master_data"."products"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "master_data"."stock_movements" ADD CONSTRAINT "stock_movements_organization_id_warehouse_id_fkey" FOREIGN KEY ("organization_id", "warehouse_id") REFERENCES "master_data"."warehouses"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- What the application role (erp_app) may do. @erp/db migrate's default privileges already grant
-- it read/write on every table of this schema; these lines say so explicitly, and the stock ledger
-- is append-only to it: a correction is a new movement, never an edit.
GRANT SELECT, INSERT, UPDATE, DELETE ON
    "master_data"."organization_settings", "master_data"."code_sequences", "master_data"."parties",
    "master_data"."categories", "master_data"."products", "master_data"."warehouses", "master_data"."stock_levels"
    TO erp_app;
GRANT SELECT, INSERT ON "master_data"."outbox" TO erp_app;
GRANT SELECT, INSERT ON "master_data"."stock_movements" TO erp_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "master_data"."stock_movements" FROM erp_app;

-- Tenant isolation: every business table sees and writes only the current organization's rows.
ALTER TABLE "master_data"."organization_settings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "master_data"."organization_settings" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "master_data"."organization_settings"
    USING (organization_id = public.app_current_organization())
    WITH CHECK (organization_id = public.app_current_organization());

ALTER TABLE "master_data"."code_sequences" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "master_data"."code_sequences" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "master_data"."code_sequences"
    USING (organization_id = public.app_current_organization())
    WITH CHECK (organization_id = public.app_current_organization());

ALTER TABLE "master_data"."parties" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "master_data"."parties" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "master_data"."parties"
    USING (organization_id = public.app_current_organization())
    WITH CHECK (organization_id = public.app_current_organization());

ALTER TABLE "master_data"."categories" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "master_data"."categories" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "master_data"."categories"
    USING (organization_id = public.app_current_organization())
    WITH CHECK (organization_id = public.app_current_organization());

ALTER TABLE "master_data"."products" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "master_data"."products" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "master_data"."products"
    USING (organization_id = public.app_current_organization())
    WITH CHECK (organization_id = public.app_current_organization());

ALTER TABLE "master_data"."warehouses" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "master_data"."warehouses" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "master_data"."warehouses"
    USING (organization_id = public.app_current_organization())
    WITH CHECK (organization_id = public.app_current_organization());

ALTER TABLE "master_data"."stock_levels" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "master_data"."stock_levels" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "master_data"."stock_levels"
    USING (organization_id = public.app_current_organization())
    WITH CHECK (organization_id = public.app_current_organization());

ALTER TABLE "master_data"."stock_movements" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "master_data"."stock_movements" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "master_data"."stock_movements"
    USING (organization_id = public.app_current_organization())
    WITH CHECK (organization_id = public.app_current_organization());
