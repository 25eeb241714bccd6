-- Processed-event records are pruned by age (see packages/events/src/housekeeping.ts): the
-- pruning finds old records by processed_at instead of scanning the table.
CREATE INDEX "processed_events_processed_at_idx" ON "events"."processed_events"("processed_at");
