-- Stock revaluation (issue 14, part 3). With negative stock, an addition that clears a deficit
-- changes the stock's value by something other than what the goods cost: the goods issued short
-- left at the rate of the time and are now revalued at the incoming cost. Each movement records
-- that difference, so that value + revaluation is what the goods moved cost and finance can post
-- it to cost of goods sold. Movements written before carry 0: finance posted them as they were.
ALTER TABLE "master_data"."stock_movements" ADD COLUMN "revaluation" DECIMAL(24,4) NOT NULL DEFAULT 0;
