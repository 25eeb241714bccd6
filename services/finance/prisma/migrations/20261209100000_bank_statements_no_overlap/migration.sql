-- A bank account's statements cover distinct days, so the same file sent twice can never store its
-- lines twice. The import checks it under the bank account's row lock (409 STATEMENT_OVERLAPS);
-- this exclusion constraint makes the database refuse an overlap from any other path too.
-- btree_gist gives the gist index equality on uuid; it is a trusted extension shipped with PostgreSQL.
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;
ALTER TABLE "finance"."bank_statements" ADD CONSTRAINT "bank_statements_days_do_not_overlap"
    EXCLUDE USING gist ("organization_id" WITH =, "bank_account_id" WITH =, daterange("from_date", "to_date", '[]') WITH &&);
