-- Finance part 3 (issue 14): reimbursements. An employee (the member of the organization who
-- creates the claim: `claimant_id`, the user's id) claims money they spent; lines of an expense
-- account, a gross amount (tax included) and an optional purchase tax rate. draft → submitted →
-- approved (posted: expense and tax debit, employee payable credit with the employee as the
-- line's party, `journal_entry_id`) or rejected (with a reason) → paid (`payment_entry_id`:
-- employee payable debit, bank or cash credit). Every transition is a row of
-- `reimbursement_transitions` (who, when, why). Numbered RMB-<fiscal year>-0001 at submission.
-- An employee is not a master-data party: only journal lines carry party type 'employee'.
ALTER TYPE "finance"."party_type" ADD VALUE 'employee';

CREATE TYPE "finance"."reimbursement_status" AS ENUM ('draft', 'submitted', 'approved', 'rejected', 'paid');

CREATE TABLE "finance"."reimbursements" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "status" "finance"."reimbursement_status" NOT NULL DEFAULT 'draft',
    "number" TEXT,
    "fiscal_year" INTEGER,
    "sequence" INTEGER,
    "claimant_id" UUID NOT NULL,
    "claim_date" DATE NOT NULL,
    "description" TEXT,
    "currency" CHAR(3) NOT NULL,
    "net_amount" DECIMAL(20,4) NOT NULL,
    "tax_amount" DECIMAL(20,4) NOT NULL,
    "total" DECIMAL(20,4) NOT NULL,
    "exchange_rate" DECIMAL(20,10),
    "base_total" DECIMAL(20,4),
    "approved_date" DATE,
    "journal_entry_id" UUID,
    "rejection_reason" TEXT,
    "bank_account_id" UUID,
    "paid_date" DATE,
    "payment_exchange_rate" DECIMAL(20,10),
    "payment_entry_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reimbursements_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "reimbursements_amounts_check" CHECK ("net_amount" >= 0 AND "tax_amount" >= 0 AND "total" = "net_amount" + "tax_amount"),
    CONSTRAINT "reimbursements_number_check" CHECK (("status" = 'draft') = ("number" IS NULL) AND ("number" IS NULL) = ("sequence" IS NULL) AND ("sequence" IS NULL OR "sequence" > 0)),
    CONSTRAINT "reimbursements_posted_check" CHECK (("status" IN ('approved', 'paid')) = ("journal_entry_id" IS NOT NULL)),
    CONSTRAINT "reimbursements_paid_check" CHECK (("status" = 'paid') = ("payment_entry_id" IS NOT NULL AND "bank_account_id" IS NOT NULL AND "paid_date" IS NOT NULL)),
    CONSTRAINT "reimbursements_rejected_check" CHECK (("status" = 'rejected') = ("rejection_reason" IS NOT NULL))
);

CREATE UNIQUE INDEX "reimbursements_organization_id_id_key" ON "finance"."reimbursements"("organization_id", "id");
CREATE UNIQUE INDEX "reimbursements_organization_id_number_key" ON "finance"."reimbursements"("organization_id", "number");
CREATE INDEX "reimbursements_organization_id_claimant_id_idx" ON "finance"."reimbursements"("organization_id", "claimant_id");
CREATE INDEX "reimbursements_organization_id_claim_date_idx" ON "finance"."reimbursements"("organization_id", "claim_date");

CREATE TABLE "finance"."reimbursement_lines" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "reimbursement_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "line_date" DATE NOT NULL,
    "account_id" UUID NOT NULL,
    "description" TEXT NOT NULL,
    "amount" DECIMAL(20,4) NOT NULL,
    "tax_rate_id" UUID,
    "tax_rate" DECIMAL(7,4),
    "tax_amount" DECIMAL(20,4) NOT NULL,
    "net_amount" DECIMAL(20,4) NOT NULL,

    CONSTRAINT "reimbursement_lines_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "reimbursement_lines_amounts_check" CHECK ("net_amount" > 0 AND "tax_amount" >= 0 AND "amount" = "net_amount" + "tax_amount"),
    CONSTRAINT "reimbursement_lines_tax_check" CHECK (("tax_rate_id" IS NULL) = ("tax_rate" IS NULL) AND ("tax_rate_id" IS NOT NULL OR "tax_amount" = 0))
);

CREATE UNIQUE INDEX "reimbursement_lines_organization_id_reimbursement_id_position_key" ON "finance"."reimbursement_lines"("organization_id", "reimbursement_id", "position");

CREATE TABLE "finance"."reimbursement_transitions" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "reimbursement_id" UUID NOT NULL,
    "from_status" "finance"."reimbursement_status",
    "to_status" "finance"."reimbursement_status" NOT NULL,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT,

    CONSTRAINT "reimbursement_transitions_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "reimbursement_transitions_organization_id_reimbursement_id_at_idx" ON "finance"."reimbursement_transitions"("organization_id", "reimbursement_id", "at");

ALTER TABLE "finance"."reimbursements" ADD CONSTRAINT "reimbursements_journal_entry_fkey" FOREIGN KEY ("journal_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."reimbursements" ADD CONSTRAINT "reimbursements_payment_entry_fkey" FOREIGN KEY ("payment_entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."reimbursements" ADD CONSTRAINT "reimbursements_bank_account_fkey" FOREIGN KEY ("organization_id", "bank_account_id") REFERENCES "finance"."accounts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."reimbursement_lines" ADD CONSTRAINT "reimbursement_lines_reimbursement_fkey" FOREIGN KEY ("organization_id", "reimbursement_id") REFERENCES "finance"."reimbursements"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "finance"."reimbursement_lines" ADD CONSTRAINT "reimbursement_lines_account_fkey" FOREIGN KEY ("organization_id", "account_id") REFERENCES "finance"."accounts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."reimbursement_lines" ADD CONSTRAINT "reimbursement_lines_tax_rate_fkey" FOREIGN KEY ("organization_id", "tax_rate_id") REFERENCES "finance"."tax_rates"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."reimbursement_transitions" ADD CONSTRAINT "reimbursement_transitions_reimbursement_fkey" FOREIGN KEY ("organization_id", "reimbursement_id") REFERENCES "finance"."reimbursements"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row Level Security and erp_app's privileges (packages/db/README.md). A draft (with its lines and
-- transitions) is deleted by its claimant; lines of a draft are replaced when it is edited.
SELECT public.app_enable_tenant_isolation('finance.reimbursements');
SELECT public.app_enable_tenant_isolation('finance.reimbursement_lines');
SELECT public.app_enable_tenant_isolation('finance.reimbursement_transitions');
