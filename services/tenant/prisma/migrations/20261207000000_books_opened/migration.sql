-- When finance opened the organization's books (its first posted entry, event finance.ledger.opened)
-- and in which currency: from then on the base currency cannot change (409 BASE_CURRENCY_LOCKED).
-- Both null while the books are not opened.
ALTER TABLE "tenant"."organizations" ADD COLUMN "books_opened_at" TIMESTAMPTZ(3);
ALTER TABLE "tenant"."organizations" ADD COLUMN "books_currency" CHAR(3);
