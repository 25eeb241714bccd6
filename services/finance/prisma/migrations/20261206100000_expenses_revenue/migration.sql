-- Finance part 3 (issue 14): expenses and other revenue, one table told apart by `kind`. Money
-- paid out (expense) or received (revenue) that is not a supplier bill or a customer invoice,
-- through a bank or cash account (`bank_account_id`) against an expense (income) account
-- (`account_id`), with an optional tax rate. Posted when recorded (`journal_entry_id`, source
-- `expense` / `revenue`); `bank_line_id` is that entry's bank or cash line (bank reconciliation
-- matches statement lines to it). `amount` = `net_amount` + `tax_amount` is what the bank or cash
-- account moved; `base_amount` is it in the base currency. Void keeps the row (`void_entry_id`).
CREATE TYPE "finance"."cash_transaction_kind" AS ENUM ('expense', 'revenue');
CREATE TYPE "finance"."cash_transaction_status" AS ENUM ('posted', 'void');

CREATE TABLE "finance"."cash_transactions" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "kind" "finance"."cash_transaction_kind" NOT NULL,
    "status" "finance"."cash_transaction_status" NOT NULL DEFAULT 'posted',
    "number" TEXT NOT NULL,
    "fiscal_year" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "transaction_date" DATE NOT NULL,
    "counterparty" TEXT,
    "party_type" "finance"."party_type",
    "party_id" UUID,
    "account_id" UUID NOT NULL,
    "bank_account_id" UUID NOT NULL,
    "amount_includes_tax" BOOLEAN NOT NULL,
    "net_amount" DECIMAL(20,4) NOT NULL,
    "tax_rate_id" UUID,
    "tax_rate" DECIMAL(7,4),
    "tax_amount" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "amount" DECIMAL(20,4) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "exchange_rate" DECIMAL(20,10) NOT NULL,
    "base_amount" DECIMAL(20,4) NOT NULL,
    "reference" TEXT,
    "attachment_url" TEXT,
    "notes" TEXT,
    "journal_entry_id" UUID NOT NULL,
    "bank_line_id" UUID NOT NULL,
    "void_entry_id" UUID,
    "voided_at" TIMESTAMPTZ(3),
    "voided_by" TEXT,
    "void_reason" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cash_transactions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "cash_transactions_party_check" CHECK (
        ("party_id" IS NULL) = ("party_type" IS NULL)
        AND ("party_type" IS NULL OR ("kind" = 'expense') = ("party_type" = 'supplier'))),
    CONSTRAINT "cash_transactions_amounts_check" CHECK (
        "net_amount" > 0 AND "tax_amount" >= 0 AND "amount" = "net_amount" + "tax_amount" AND "base_amount" > 0),
    CONSTRAINT "cash_transactions_tax_check" CHECK (("tax_rate_id" IS NULL) = ("tax_rate" IS NULL) AND ("tax_rate_id" IS NOT NULL OR "tax_amount" = 0)),
    CONSTRAINT "cash_transactions_void_check" CHECK (("status" = 'void') = ("void_entry_id" IS NOT NULL AND "voided_at" IS NOT NULL)),
    CONSTRAINT "cash_transactions_sequence_check" CHECK ("sequence" > 0),
    CONSTRAINT "cash_transactions_exchange_rate_check" CHECK ("exchange_rate" > 0)
);

CREATE UNIQUE INDEX "cash_transactions_organization_id_id_key" ON "finance"."cash_transactions"("organization_id", "id");
CREATE UNIQUE INDEX "cash_transactions_organization_id_kind_number_key" ON "finance"."cash_transactions"("organization_id", "kind", "number");
CREATE INDEX "cash_transactions_organization_id_kind_transaction_date_idx" ON "finance"."cash_transactions"("organization_id", "kind", "transaction_date");
CREATE INDEX "cash_transactions_organization_id_bank_account_id_idx" ON "finance"."cash_transactions"("organization_id", "bank_account_id");

ALTER TABLE "finance"."cash_transactions" ADD CONSTRAINT "cash_transactions_party_fkey" FOREIGN KEY ("organization_id", "party_type", "party_id") REFERENCES "finance"."parties"("organization_id", "kind", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."cash_transactions" ADD CONSTRAINT "cash_transactions_account_fkey" FOREIGN KEY ("organization_id", "account_id") REFERENCES "finance"."accounts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."cash_transactions" ADD CONSTRAINT "cash_transactions_bank_account_fkey" FOREIGN KEY ("organization_id", "bank_account_id") REFERENCES "finance"."accounts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."cash_transactions" ADD CONSTRAINT "cash_transactions_tax_rate_fkey" FOREIGN KEY ("organization_id", "tax_rate_id") REFERENCES "finance"."tax_rates"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."cash_transactions" ADD CONSTRAINT "cash_transactions_journal_entry_fkey" FOREIGN KEY ("journal_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."cash_transactions" ADD CONSTRAINT "cash_transactions_void_entry_fkey" FOREIGN KEY ("void_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Row Level Security and erp_app's privileges (packages/db/README.md); never deleted (void keeps them).
SELECT public.app_enable_tenant_isolation('finance.cash_transactions', ARRAY['SELECT', 'INSERT', 'UPDATE']);
