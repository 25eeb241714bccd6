-- The event backbone's shared tables (schema "events"). Events of every organization flow
-- through them, so they are infrastructure without row level security; erp_app reads and writes
-- them through the schema's default privileges.

-- The postgres transport's log: one ordered sequence of offsets per topic. Appends take the
-- topic's row in events.topics, so offsets become visible in commit order.
CREATE TABLE "events"."topics" (
    "topic" TEXT NOT NULL,
    "next_offset" BIGINT NOT NULL,

    CONSTRAINT "topics_pkey" PRIMARY KEY ("topic")
);

CREATE TABLE "events"."log" (
    "topic" TEXT NOT NULL,
    "offset" BIGINT NOT NULL,
    "event_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "headers" JSONB NOT NULL,
    "appended_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),

    CONSTRAINT "log_pkey" PRIMARY KEY ("topic", "offset")
);

CREATE UNIQUE INDEX "log_event_id_key" ON "events"."log"("event_id");

-- Last offset each consumer group has handled, per topic (postgres transport).
CREATE TABLE "events"."consumer_offsets" (
    "group_id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "committed_offset" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),

    CONSTRAINT "consumer_offsets_pkey" PRIMARY KEY ("group_id", "topic")
);

-- Written in the handler's transaction: a redelivered event finds its row and has no effect.
CREATE TABLE "events"."processed_events" (
    "group_id" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),

    CONSTRAINT "processed_events_pkey" PRIMARY KEY ("group_id", "event_id")
);

-- Events a consumer group gave up on, with the last error, until they are replayed.
CREATE TABLE "events"."dead_letters" (
    "id" UUID NOT NULL,
    "group_id" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "error" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "replayed_at" TIMESTAMPTZ(3),

    CONSTRAINT "dead_letters_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "dead_letters_group_id_event_id_key" ON "events"."dead_letters"("group_id", "event_id");

CREATE INDEX "dead_letters_group_id_created_at_idx" ON "events"."dead_letters"("group_id", "created_at");
