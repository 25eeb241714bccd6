-- Finance part 3, bank: bank and cash accounts (each with its own ledger posting account),
-- transfers between them, imported bank statements and their lines, reconciled with the ledger
-- lines of the bank account's posting account. Hand-written in lock-step with prisma/schema.prisma
-- (the drift test proves it). Amounts DECIMAL(20,4) like the ledger's lines, rounded to the
-- currency's minor unit by the application.

-- CreateTable
CREATE TABLE "finance"."bank_accounts" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "bank_name" TEXT,
    "account_number" TEXT,
    "is_iban" BOOLEAN NOT NULL DEFAULT false,
    "currency" CHAR(3) NOT NULL,
    "account_id" UUID NOT NULL,
    "opening_balance" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "opening_date" DATE,
    "opening_entry_id" UUID,
    "archived_at" TIMESTAMPTZ(3),
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "bank_accounts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "bank_accounts_opening_check" CHECK (("opening_entry_id" IS NULL) = ("opening_balance" = 0) AND ("opening_entry_id" IS NULL OR "opening_date" IS NOT NULL))
);

-- CreateTable
-- `amount` leaves the source account in `currency` (plus `fee_amount`, also in `currency`),
-- `to_amount` reaches the destination in `to_currency`; one entry posts all of it.
CREATE TABLE "finance"."bank_transfers" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "fiscal_year" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "from_bank_account_id" UUID NOT NULL,
    "to_bank_account_id" UUID NOT NULL,
    "transfer_date" DATE NOT NULL,
    "amount" DECIMAL(20,4) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "to_amount" DECIMAL(20,4) NOT NULL,
    "to_currency" CHAR(3) NOT NULL,
    "fee_amount" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "fee_account_id" UUID,
    "reference" TEXT,
    "journal_entry_id" UUID NOT NULL,
    "void_entry_id" UUID,
    "voided_at" TIMESTAMPTZ(3),
    "voided_by" TEXT,
    "void_reason" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bank_transfers_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "bank_transfers_void_check" CHECK (("void_entry_id" IS NULL) = ("voided_at" IS NULL)),
    CONSTRAINT "bank_transfers_accounts_check" CHECK ("from_bank_account_id" <> "to_bank_account_id"),
    CONSTRAINT "bank_transfers_amounts_check" CHECK ("amount" > 0 AND "to_amount" > 0 AND "fee_amount" >= 0 AND ("fee_amount" = 0) = ("fee_account_id" IS NULL)),
    CONSTRAINT "bank_transfers_same_currency_check" CHECK ("currency" <> "to_currency" OR "amount" = "to_amount"),
    CONSTRAINT "bank_transfers_sequence_check" CHECK ("sequence" > 0)
);

-- CreateTable
CREATE TABLE "finance"."bank_statements" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "bank_account_id" UUID NOT NULL,
    "from_date" DATE NOT NULL,
    "to_date" DATE NOT NULL,
    "opening_balance" DECIMAL(20,4) NOT NULL,
    "closing_balance" DECIMAL(20,4) NOT NULL,
    "file_name" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bank_statements_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "bank_statements_dates_check" CHECK ("from_date" <= "to_date")
);

-- CreateTable
-- A statement line is reconciled with at most one ledger line and a ledger line with at most one
-- statement line (the unique index on journal_line_id); once set, the match never changes (trigger).
-- No foreign key to journal_lines: posted lines are never deleted, and one would change how the
-- journal refuses TRUNCATE.
CREATE TABLE "finance"."bank_statement_lines" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "statement_id" UUID NOT NULL,
    "bank_account_id" UUID NOT NULL,
    "line_number" INTEGER NOT NULL,
    "line_date" DATE NOT NULL,
    "description" TEXT NOT NULL,
    "amount" DECIMAL(20,4) NOT NULL,
    "reference" TEXT,
    "journal_line_id" UUID,
    "matched_at" TIMESTAMPTZ(3),
    "matched_by" TEXT,

    CONSTRAINT "bank_statement_lines_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "bank_statement_lines_amount_check" CHECK ("amount" <> 0),
    CONSTRAINT "bank_statement_lines_match_check" CHECK (("journal_line_id" IS NULL) = ("matched_at" IS NULL) AND ("journal_line_id" IS NULL) = ("matched_by" IS NULL))
);

-- CreateIndex
CREATE UNIQUE INDEX "bank_accounts_organization_id_id_key" ON "finance"."bank_accounts"("organization_id", "id");
CREATE UNIQUE INDEX "bank_accounts_organization_id_account_id_key" ON "finance"."bank_accounts"("organization_id", "account_id");
CREATE INDEX "bank_accounts_organization_id_name_idx" ON "finance"."bank_accounts"("organization_id", "name");
CREATE UNIQUE INDEX "bank_transfers_organization_id_id_key" ON "finance"."bank_transfers"("organization_id", "id");
CREATE UNIQUE INDEX "bank_transfers_organization_id_number_key" ON "finance"."bank_transfers"("organization_id", "number");
CREATE INDEX "bank_transfers_organization_id_transfer_date_idx" ON "finance"."bank_transfers"("organization_id", "transfer_date");
CREATE UNIQUE INDEX "bank_statements_organization_id_id_key" ON "finance"."bank_statements"("organization_id", "id");
CREATE INDEX "bank_statements_organization_id_bank_account_id_to_date_idx" ON "finance"."bank_statements"("organization_id", "bank_account_id", "to_date");
CREATE UNIQUE INDEX "bank_statement_lines_journal_line_id_key" ON "finance"."bank_statement_lines"("journal_line_id");
CREATE UNIQUE INDEX "bank_statement_lines_organization_id_id_key" ON "finance"."bank_statement_lines"("organization_id", "id");
CREATE UNIQUE INDEX "bank_statement_lines_organization_id_statement_id_line_number_key" ON "finance"."bank_statement_lines"("organization_id", "statement_id", "line_number");
CREATE INDEX "bank_statement_lines_organization_id_bank_account_id_line_date_idx" ON "finance"."bank_statement_lines"("organization_id", "bank_account_id", "line_date");

-- AddForeignKey
ALTER TABLE "finance"."bank_accounts" ADD CONSTRAINT "bank_accounts_account_fkey" FOREIGN KEY ("organization_id", "account_id") REFERENCES "finance"."accounts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."bank_accounts" ADD CONSTRAINT "bank_accounts_opening_entry_fkey" FOREIGN KEY ("opening_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."bank_transfers" ADD CONSTRAINT "bank_transfers_from_fkey" FOREIGN KEY ("organization_id", "from_bank_account_id") REFERENCES "finance"."bank_accounts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."bank_transfers" ADD CONSTRAINT "bank_transfers_to_fkey" FOREIGN KEY ("organization_id", "to_bank_account_id") REFERENCES "finance"."bank_accounts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."bank_transfers" ADD CONSTRAINT "bank_transfers_journal_entry_fkey" FOREIGN KEY ("journal_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."bank_transfers" ADD CONSTRAINT "bank_transfers_void_entry_fkey" FOREIGN KEY ("void_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."bank_statements" ADD CONSTRAINT "bank_statements_bank_account_fkey" FOREIGN KEY ("organization_id", "bank_account_id") REFERENCES "finance"."bank_accounts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."bank_statement_lines" ADD CONSTRAINT "bank_statement_lines_statement_fkey" FOREIGN KEY ("organization_id", "statement_id") REFERENCES "finance"."bank_statements"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."bank_statement_lines" ADD CONSTRAINT "bank_statement_lines_bank_account_fkey" FOREIGN KEY ("organization_id", "bank_account_id") REFERENCES "finance"."bank_accounts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A reconciled line stays reconciled with the same ledger line.
CREATE FUNCTION "finance"."refuse_statement_line_rematch"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD."journal_line_id" IS NOT NULL AND NEW."journal_line_id" IS DISTINCT FROM OLD."journal_line_id" THEN
        RAISE EXCEPTION 'statement line % is already matched', OLD."id"
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER "bank_statement_lines_refuse_rematch" BEFORE UPDATE ON "finance"."bank_statement_lines"
    FOR EACH ROW EXECUTE FUNCTION "finance"."refuse_statement_line_rematch"();

-- Row Level Security and erp_app's privileges (packages/db/README.md): nothing here is deleted.
SELECT public.app_enable_tenant_isolation('finance.bank_accounts', ARRAY['SELECT', 'INSERT', 'UPDATE']);
SELECT public.app_enable_tenant_isolation('finance.bank_transfers', ARRAY['SELECT', 'INSERT', 'UPDATE']);
SELECT public.app_enable_tenant_isolation('finance.bank_statements', ARRAY['SELECT', 'INSERT']);
SELECT public.app_enable_tenant_isolation('finance.bank_statement_lines', ARRAY['SELECT', 'INSERT', 'UPDATE']);
