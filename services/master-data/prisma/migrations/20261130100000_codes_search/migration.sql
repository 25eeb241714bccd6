-- Codes people type (issue 10, item 2) and text search (issue 10, item 14).

-- Customer and supplier codes are unique per organization and kind ignoring case and surrounding
-- whitespace: `ABC-1` and ` abc-1` are the same code. The exact-value unique index gives way to
-- one on the normalised value; a plain index on the code keeps sorting by code fast.
-- (Fails on an organization that already has such twins: rename one of them, then migrate again.)
DROP INDEX "master_data"."parties_organization_id_kind_code_key";
CREATE UNIQUE INDEX "parties_code_normalised_key" ON "master_data"."parties" ("organization_id", "kind", lower(btrim("code")));
CREATE INDEX "parties_organization_id_kind_code_idx" ON "master_data"."parties" ("organization_id", "kind", "code");

-- `q` is a case-insensitive substring match (ILIKE '%...%'), which no b-tree index serves: trigram
-- indexes do, for three characters and more. pg_trgm is a trusted extension, so the schema's
-- owner (who runs migrations) may create it; it lives in public, beside app_current_organization().
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

CREATE INDEX "parties_search_trgm_idx" ON "master_data"."parties" USING gin (
    "code" public.gin_trgm_ops, "legal_name" public.gin_trgm_ops, "display_name" public.gin_trgm_ops,
    "email" public.gin_trgm_ops, "tax_id" public.gin_trgm_ops);
CREATE INDEX "products_search_trgm_idx" ON "master_data"."products" USING gin (
    "sku" public.gin_trgm_ops, "name" public.gin_trgm_ops, "barcode" public.gin_trgm_ops);
CREATE INDEX "warehouses_search_trgm_idx" ON "master_data"."warehouses" USING gin (
    "code" public.gin_trgm_ops, "name" public.gin_trgm_ops);
CREATE INDEX "categories_search_trgm_idx" ON "master_data"."categories" USING gin ("name" public.gin_trgm_ops);
