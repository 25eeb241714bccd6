-- A login session (refresh-token family) has an absolute lifetime (REFRESH_SESSION_MAX_SECONDS)
-- however often it is refreshed, so each row carries when its session began. Existing families
-- began when their first row was written.
ALTER TABLE "auth"."refresh_tokens" ADD COLUMN "session_started_at" TIMESTAMPTZ(3);
UPDATE "auth"."refresh_tokens" AS token
   SET "session_started_at" = family.started_at
  FROM (SELECT "family_id", min("created_at") AS started_at FROM "auth"."refresh_tokens" GROUP BY "family_id") AS family
 WHERE token."family_id" = family."family_id";
ALTER TABLE "auth"."refresh_tokens" ALTER COLUMN "session_started_at" SET NOT NULL;
