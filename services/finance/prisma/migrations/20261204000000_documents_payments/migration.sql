-- Finance part 2: customer invoices, credit notes, supplier bills (one `documents` table, the kind
-- telling them apart), their lines, payments and the allocations that settle documents, the
-- documents' gap-free number series, and the service's Idempotency-Key answers. Hand-written in
-- lock-step with prisma/schema.prisma (the drift test proves it).
--
-- Amounts are in the document's (or payment's) currency, DECIMAL(20,4) like the ledger's lines;
-- every figure is stored rounded to the currency's minor unit by the application. The base
-- amounts are in the organization's base currency at the document's (payment's) rate.

-- CreateEnum
CREATE TYPE "finance"."document_kind" AS ENUM ('invoice', 'credit_note', 'bill');
-- Invoices: draft → issued → partially_paid → paid, or void. Bills: draft → approved →
-- partially_paid → paid, or void. Credit notes are issued at once (never drafts) and stay issued
-- (or paid once their whole credit is allocated).
CREATE TYPE "finance"."document_status" AS ENUM ('draft', 'issued', 'approved', 'partially_paid', 'paid', 'void');
CREATE TYPE "finance"."payment_direction" AS ENUM ('received', 'made');
CREATE TYPE "finance"."payment_status" AS ENUM ('posted', 'void');

-- CreateTable
-- An invoice (to a customer), a credit note (to a customer, against one of its invoices) or a bill
-- (from a supplier). `amount_paid`: allocated from payments; `amount_credited`: allocated from
-- credit notes; `amount_due` = total − both (a credit note's `amount_due` is its credit not yet
-- allocated, `amount_credited` the part allocated). `base_amount_due`: what is still open in the
-- base currency at the document's rate (the receivable or payable it still holds in the ledger).
CREATE TABLE "finance"."documents" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "kind" "finance"."document_kind" NOT NULL,
    "status" "finance"."document_status" NOT NULL DEFAULT 'draft',
    "number" TEXT,
    "fiscal_year" INTEGER,
    "sequence" INTEGER,
    "party_type" "finance"."party_type" NOT NULL,
    "party_id" UUID NOT NULL,
    "issue_date" DATE NOT NULL,
    "due_date" DATE NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "exchange_rate" DECIMAL(20,10),
    "reference" TEXT,
    "supplier_invoice_number" TEXT,
    "credited_document_id" UUID,
    "notes" TEXT,
    "subtotal" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "tax_total" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "total" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "amount_paid" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "amount_credited" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "amount_due" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "base_total" DECIMAL(20,4),
    "base_amount_due" DECIMAL(20,4),
    "journal_entry_id" UUID,
    "void_entry_id" UUID,
    "issued_at" TIMESTAMPTZ(3),
    "issued_by" TEXT,
    "voided_at" TIMESTAMPTZ(3),
    "voided_by" TEXT,
    "void_reason" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "documents_party_kind_check" CHECK (("kind" = 'bill') = ("party_type" = 'supplier')),
    CONSTRAINT "documents_credit_note_check" CHECK (("kind" = 'credit_note') = ("credited_document_id" IS NOT NULL)),
    CONSTRAINT "documents_supplier_invoice_number_check" CHECK ("kind" = 'bill' OR "supplier_invoice_number" IS NULL),
    CONSTRAINT "documents_dates_check" CHECK ("due_date" >= "issue_date"),
    CONSTRAINT "documents_amounts_check" CHECK (
        "subtotal" >= 0 AND "tax_total" >= 0 AND "total" = "subtotal" + "tax_total"
        AND "amount_paid" >= 0 AND "amount_credited" >= 0 AND "amount_due" >= 0 AND "base_amount_due" >= 0),
    -- Once out of draft, a document is numbered, posted, at a rate, and what is settled plus what is
    -- due is its total (a void one has nothing settled and nothing due); a draft has none of that.
    CONSTRAINT "documents_lifecycle_check" CHECK (
        CASE "status"
            WHEN 'draft' THEN "number" IS NULL AND "sequence" IS NULL AND "journal_entry_id" IS NULL AND "issued_at" IS NULL
                AND "amount_paid" = 0 AND "amount_credited" = 0
            WHEN 'void' THEN "number" IS NOT NULL AND "journal_entry_id" IS NOT NULL AND "void_entry_id" IS NOT NULL
                AND "voided_at" IS NOT NULL AND "amount_paid" = 0 AND "amount_credited" = 0 AND "amount_due" = 0
            ELSE "number" IS NOT NULL AND "fiscal_year" IS NOT NULL AND "sequence" IS NOT NULL AND "exchange_rate" IS NOT NULL
                AND "base_total" IS NOT NULL AND "base_amount_due" IS NOT NULL AND "journal_entry_id" IS NOT NULL
                AND "issued_at" IS NOT NULL AND "void_entry_id" IS NULL
                AND "amount_paid" + "amount_credited" + "amount_due" = "total"
        END),
    CONSTRAINT "documents_sequence_check" CHECK ("sequence" > 0),
    CONSTRAINT "documents_exchange_rate_check" CHECK ("exchange_rate" > 0)
);

-- A document line. `account_id`: the income (invoice, credit note) or expense/inventory (bill)
-- account, from the product or the organization's default when not given; `net`, `tax`, `total`
-- rounded per line (tax-calculation.ts). On an invoice line, `credited_quantity` is what credit
-- notes have taken back so far (never more than `quantity`); a credit note's line names the
-- invoice line it credits.
CREATE TABLE "finance"."document_lines" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "document_id" UUID NOT NULL,
    "line_number" INTEGER NOT NULL,
    "product_id" UUID,
    "description" TEXT NOT NULL,
    "quantity" DECIMAL(18,4) NOT NULL,
    "unit_price" DECIMAL(20,6) NOT NULL,
    "discount_percent" DECIMAL(5,2) NOT NULL DEFAULT 0,
    "tax_rate_id" UUID,
    "tax_rate" DECIMAL(7,4),
    "account_id" UUID,
    "net" DECIMAL(20,4) NOT NULL,
    "tax" DECIMAL(20,4) NOT NULL,
    "total" DECIMAL(20,4) NOT NULL,
    "credited_line_id" UUID,
    "credited_quantity" DECIMAL(18,4) NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "document_lines_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "document_lines_line_number_check" CHECK ("line_number" > 0),
    CONSTRAINT "document_lines_quantity_check" CHECK ("quantity" > 0),
    CONSTRAINT "document_lines_unit_price_check" CHECK ("unit_price" >= 0),
    CONSTRAINT "document_lines_discount_check" CHECK ("discount_percent" >= 0 AND "discount_percent" <= 100),
    CONSTRAINT "document_lines_tax_check" CHECK (("tax_rate_id" IS NULL) = ("tax_rate" IS NULL) AND ("tax_rate_id" IS NOT NULL OR "tax" = 0)),
    CONSTRAINT "document_lines_amounts_check" CHECK ("net" >= 0 AND "tax" >= 0 AND "total" = "net" + "tax"),
    CONSTRAINT "document_lines_credited_quantity_check" CHECK ("credited_quantity" >= 0 AND "credited_quantity" <= "quantity")
);

-- The last number given in a series (INV, CN, BILL, RCPT, PAY) of an organization's fiscal year:
-- taken and raised in the transaction that numbers a document, so numbers are gap-free.
CREATE TABLE "finance"."document_number_counters" (
    "organization_id" UUID NOT NULL,
    "series" TEXT NOT NULL,
    "fiscal_year" INTEGER NOT NULL,
    "last_number" INTEGER NOT NULL,

    CONSTRAINT "document_number_counters_pkey" PRIMARY KEY ("organization_id", "series", "fiscal_year"),
    CONSTRAINT "document_number_counters_last_number_check" CHECK ("last_number" >= 0)
);

-- Money received from a customer or paid to a supplier, through a bank or cash account
-- (`account_id`). Posted when recorded (`journal_entry_id`). `amount_allocated` + `amount_unallocated`
-- = `amount` while posted; the unallocated part is the party's credit, allocated later.
CREATE TABLE "finance"."payments" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "direction" "finance"."payment_direction" NOT NULL,
    "status" "finance"."payment_status" NOT NULL DEFAULT 'posted',
    "number" TEXT NOT NULL,
    "fiscal_year" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "party_type" "finance"."party_type" NOT NULL,
    "party_id" UUID NOT NULL,
    "payment_date" DATE NOT NULL,
    "amount" DECIMAL(20,4) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "exchange_rate" DECIMAL(20,10) NOT NULL,
    "base_amount" DECIMAL(20,4) NOT NULL,
    "account_id" UUID NOT NULL,
    "reference" TEXT,
    "notes" TEXT,
    "amount_allocated" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "amount_unallocated" DECIMAL(20,4) NOT NULL,
    "journal_entry_id" UUID NOT NULL,
    "void_entry_id" UUID,
    "voided_at" TIMESTAMPTZ(3),
    "voided_by" TEXT,
    "void_reason" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "payments_direction_party_check" CHECK (("direction" = 'received') = ("party_type" = 'customer')),
    CONSTRAINT "payments_amounts_check" CHECK (
        "amount" > 0 AND "base_amount" >= 0 AND "amount_allocated" >= 0 AND "amount_unallocated" >= 0
        AND ("status" = 'void' OR "amount_allocated" + "amount_unallocated" = "amount")),
    CONSTRAINT "payments_void_check" CHECK (("status" = 'void') = ("void_entry_id" IS NOT NULL AND "voided_at" IS NOT NULL)),
    CONSTRAINT "payments_sequence_check" CHECK ("sequence" > 0),
    CONSTRAINT "payments_exchange_rate_check" CHECK ("exchange_rate" > 0)
);

-- One settlement of a document (`document_id`: an invoice or a bill) by a payment or a credit
-- note (exactly one). `amount` is in the document's currency, `source_amount` in the payment's
-- (equal when the currencies are); `base_difference` the exchange difference posted at settlement
-- (`fx_entry_id`), positive when it is a gain. A voided allocation (its payment voided) keeps
-- its row with `voided_at`.
CREATE TABLE "finance"."allocations" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "document_id" UUID NOT NULL,
    "payment_id" UUID,
    "credit_note_id" UUID,
    "allocation_date" DATE NOT NULL,
    "amount" DECIMAL(20,4) NOT NULL,
    "source_amount" DECIMAL(20,4) NOT NULL,
    "base_amount" DECIMAL(20,4) NOT NULL,
    "base_difference" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "fx_entry_id" UUID,
    "voided_at" TIMESTAMPTZ(3),
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "allocations_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "allocations_source_check" CHECK (("payment_id" IS NULL) <> ("credit_note_id" IS NULL)),
    CONSTRAINT "allocations_amounts_check" CHECK ("amount" > 0 AND "source_amount" > 0 AND "base_amount" >= 0)
);

-- CreateIndex
CREATE UNIQUE INDEX "documents_organization_id_id_key" ON "finance"."documents"("organization_id", "id");
CREATE UNIQUE INDEX "documents_organization_id_kind_number_key" ON "finance"."documents"("organization_id", "kind", "number");
CREATE UNIQUE INDEX "documents_organization_id_kind_fiscal_year_sequence_key" ON "finance"."documents"("organization_id", "kind", "fiscal_year", "sequence");
CREATE INDEX "documents_organization_id_kind_status_issue_date_idx" ON "finance"."documents"("organization_id", "kind", "status", "issue_date");
CREATE INDEX "documents_organization_id_party_id_due_date_idx" ON "finance"."documents"("organization_id", "party_id", "due_date");
CREATE INDEX "documents_organization_id_credited_document_id_idx" ON "finance"."documents"("organization_id", "credited_document_id");
-- A supplier's own invoice number is entered once per supplier (a voided bill frees it).
CREATE UNIQUE INDEX "documents_supplier_invoice_number_key" ON "finance"."documents"("organization_id", "party_id", "supplier_invoice_number")
    WHERE "kind" = 'bill' AND "supplier_invoice_number" IS NOT NULL AND "status" <> 'void';
CREATE UNIQUE INDEX "document_lines_document_id_line_number_key" ON "finance"."document_lines"("document_id", "line_number");
CREATE INDEX "document_lines_organization_id_document_id_idx" ON "finance"."document_lines"("organization_id", "document_id");
CREATE UNIQUE INDEX "payments_organization_id_id_key" ON "finance"."payments"("organization_id", "id");
CREATE UNIQUE INDEX "payments_organization_id_direction_number_key" ON "finance"."payments"("organization_id", "direction", "number");
CREATE INDEX "payments_organization_id_party_id_payment_date_idx" ON "finance"."payments"("organization_id", "party_id", "payment_date");
CREATE INDEX "allocations_organization_id_document_id_idx" ON "finance"."allocations"("organization_id", "document_id");
CREATE INDEX "allocations_organization_id_payment_id_idx" ON "finance"."allocations"("organization_id", "payment_id");
CREATE INDEX "allocations_organization_id_credit_note_id_idx" ON "finance"."allocations"("organization_id", "credit_note_id");

-- AddForeignKey
ALTER TABLE "finance"."documents" ADD CONSTRAINT "documents_party_fkey" FOREIGN KEY ("organization_id", "party_type", "party_id") REFERENCES "finance"."parties"("organization_id", "kind", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."documents" ADD CONSTRAINT "documents_credited_document_fkey" FOREIGN KEY ("organization_id", "credited_document_id") REFERENCES "finance"."documents"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."documents" ADD CONSTRAINT "documents_journal_entry_fkey" FOREIGN KEY ("journal_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."documents" ADD CONSTRAINT "documents_void_entry_fkey" FOREIGN KEY ("void_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."document_lines" ADD CONSTRAINT "document_lines_document_fkey" FOREIGN KEY ("organization_id", "document_id") REFERENCES "finance"."documents"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "finance"."document_lines" ADD CONSTRAINT "document_lines_account_fkey" FOREIGN KEY ("organization_id", "account_id") REFERENCES "finance"."accounts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."document_lines" ADD CONSTRAINT "document_lines_tax_rate_fkey" FOREIGN KEY ("organization_id", "tax_rate_id") REFERENCES "finance"."tax_rates"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."document_lines" ADD CONSTRAINT "document_lines_credited_line_fkey" FOREIGN KEY ("credited_line_id") REFERENCES "finance"."document_lines"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."payments" ADD CONSTRAINT "payments_party_fkey" FOREIGN KEY ("organization_id", "party_type", "party_id") REFERENCES "finance"."parties"("organization_id", "kind", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."payments" ADD CONSTRAINT "payments_account_fkey" FOREIGN KEY ("organization_id", "account_id") REFERENCES "finance"."accounts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."payments" ADD CONSTRAINT "payments_journal_entry_fkey" FOREIGN KEY ("journal_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."payments" ADD CONSTRAINT "payments_void_entry_fkey" FOREIGN KEY ("void_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."allocations" ADD CONSTRAINT "allocations_document_fkey" FOREIGN KEY ("organization_id", "document_id") REFERENCES "finance"."documents"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."allocations" ADD CONSTRAINT "allocations_payment_fkey" FOREIGN KEY ("organization_id", "payment_id") REFERENCES "finance"."payments"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."allocations" ADD CONSTRAINT "allocations_credit_note_fkey" FOREIGN KEY ("organization_id", "credit_note_id") REFERENCES "finance"."documents"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."allocations" ADD CONSTRAINT "allocations_fx_entry_fkey" FOREIGN KEY ("fx_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- An issued document's lines are what its entry posted: only a draft's lines change or go (an
-- invoice line's credited quantity is the one thing that moves afterwards).
CREATE FUNCTION "finance"."refuse_issued_document_line_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    document_status "finance"."document_status";
BEGIN
    SELECT d."status" INTO document_status FROM "finance"."documents" d WHERE d."id" = OLD."document_id";
    IF document_status IS NULL OR document_status = 'draft' THEN
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'credited_quantity') = (to_jsonb(OLD) - 'credited_quantity') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'document % is %: its lines cannot change', OLD."document_id", document_status
        USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER "document_lines_refuse_issued_change" BEFORE UPDATE OR DELETE ON "finance"."document_lines"
    FOR EACH ROW EXECUTE FUNCTION "finance"."refuse_issued_document_line_change"();

-- Only a draft is ever deleted: an issued document is voided, and stays.
CREATE FUNCTION "finance"."refuse_issued_document_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD."status" <> 'draft' THEN
        RAISE EXCEPTION 'document % is %: it cannot be deleted', OLD."id", OLD."status"
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER "documents_refuse_issued_delete" BEFORE DELETE ON "finance"."documents"
    FOR EACH ROW EXECUTE FUNCTION "finance"."refuse_issued_document_delete"();

-- Row Level Security and erp_app's privileges (packages/db/README.md). Issued documents and
-- payments are never deleted (void keeps them); drafts are.
SELECT public.app_enable_tenant_isolation('finance.documents');
SELECT public.app_enable_tenant_isolation('finance.document_lines');
SELECT public.app_enable_tenant_isolation('finance.document_number_counters', ARRAY['SELECT', 'INSERT', 'UPDATE']);
SELECT public.app_enable_tenant_isolation('finance.payments', ARRAY['SELECT', 'INSERT', 'UPDATE']);
SELECT public.app_enable_tenant_isolation('finance.allocations', ARRAY['SELECT', 'INSERT', 'UPDATE']);

-- Idempotency-Key answers (invoice issue, credit notes, bill approve, payments): the one
-- definition from the migration bootstrap (@erp/db).
SELECT public.app_create_idempotency_keys('finance');
