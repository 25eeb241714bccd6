-- Products and warehouses (issue 10 item 2, issue 11 item 6).

-- SKUs and warehouse codes are unique per organization ignoring case and surrounding whitespace:
-- `ABC-1` and ` abc-1 ` are the same code. The exact-value unique indexes give way to ones on the
-- normalised value; plain indexes on the value keep sorting by SKU and code fast.
-- (Fails on an organization that already has such twins: rename one of them, then migrate again.)
DROP INDEX "master_data"."products_organization_id_sku_key";
CREATE UNIQUE INDEX "products_sku_normalised_key" ON "master_data"."products" ("organization_id", lower(btrim("sku")));
CREATE INDEX "products_organization_id_sku_idx" ON "master_data"."products" ("organization_id", "sku");

DROP INDEX "master_data"."warehouses_organization_id_code_key";
CREATE UNIQUE INDEX "warehouses_code_normalised_key" ON "master_data"."warehouses" ("organization_id", lower(btrim("code")));
CREATE INDEX "warehouses_organization_id_code_idx" ON "master_data"."warehouses" ("organization_id", "code");

-- The organization's base currency, copied from the tenant service's organization events: what
-- customers, suppliers and products get when they are created without a currency. NULL until the
-- first such event arrives (or an operator sets it through the internal settings route).
ALTER TABLE "master_data"."organization_settings" ADD COLUMN "base_currency" CHAR(3);
