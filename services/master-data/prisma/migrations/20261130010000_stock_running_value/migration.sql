-- Stock value as a running figure (issue 10, item 1). Until now a level's value was derived as
-- quantity × an average cost rounded to 4 decimals, so it drifted from what was received
-- (1000 at 10.00 + 2000 at 10.01 came to 30020.10, not 30020.00). Each movement now carries the
-- value it added or took out, rounded to the currency's minor unit, and each level the sum of its
-- movements' values; when the quantity is 0 the value is exactly 0.

ALTER TABLE "master_data"."stock_levels" ADD COLUMN "value" DECIMAL(24,4) NOT NULL DEFAULT 0;
ALTER TABLE "master_data"."stock_movements"
    ADD COLUMN "value" DECIMAL(24,4) NOT NULL DEFAULT 0,
    ADD COLUMN "value_after" DECIMAL(24,4) NOT NULL DEFAULT 0;

-- Existing movements: each at its own unit cost, to the cent (the minor unit of most currencies;
-- later movements use the product currency's own).
UPDATE "master_data"."stock_movements" SET "value" = ROUND("quantity" * "unit_cost", 2);

-- A level that is empty today must hold no value: its latest movement takes what rounding left.
WITH residual AS (
    SELECT l.organization_id, l.product_id, l.warehouse_id,
           (SELECT SUM(m.value) FROM "master_data"."stock_movements" m
             WHERE m.organization_id = l.organization_id AND m.product_id = l.product_id AND m.warehouse_id = l.warehouse_id) AS amount,
           (SELECT m.id FROM "master_data"."stock_movements" m
             WHERE m.organization_id = l.organization_id AND m.product_id = l.product_id AND m.warehouse_id = l.warehouse_id
             ORDER BY m.id DESC LIMIT 1) AS latest
    FROM "master_data"."stock_levels" l
    WHERE l.quantity = 0
)
UPDATE "master_data"."stock_movements" m SET "value" = m.value - residual.amount
FROM residual WHERE m.id = residual.latest AND residual.amount <> 0;

-- Running value per level, in the order the movements were written (ids are time-ordered).
WITH running AS (
    SELECT id, SUM(value) OVER (PARTITION BY organization_id, product_id, warehouse_id ORDER BY id) AS after
    FROM "master_data"."stock_movements"
)
UPDATE "master_data"."stock_movements" m SET "value_after" = running.after FROM running WHERE m.id = running.id;

UPDATE "master_data"."stock_levels" l SET "value" = COALESCE(
    (SELECT SUM(m.value) FROM "master_data"."stock_movements" m
      WHERE m.organization_id = l.organization_id AND m.product_id = l.product_id AND m.warehouse_id = l.warehouse_id), 0);

ALTER TABLE "master_data"."stock_levels" ALTER COLUMN "value" DROP DEFAULT;
ALTER TABLE "master_data"."stock_movements" ALTER COLUMN "value" DROP DEFAULT, ALTER COLUMN "value_after" DROP DEFAULT;

-- Nothing on hand is worth nothing, whatever writes the row. Past movements may have passed
-- through 0 with a rounding residual, so the ledger's check holds from now on (NOT VALID).
ALTER TABLE "master_data"."stock_levels" ADD CONSTRAINT "stock_levels_empty_has_no_value" CHECK ("quantity" <> 0 OR "value" = 0);
ALTER TABLE "master_data"."stock_movements" ADD CONSTRAINT "stock_movements_empty_has_no_value" CHECK ("quantity_after" <> 0 OR "value_after" = 0) NOT VALID;
