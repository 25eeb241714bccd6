-- Finance service, the general ledger: settings, chart of accounts, journal entries and lines,
-- balances per account and period, numbering, the hash chain, exchange rates, period locks,
-- year-end closings, outbox. Hand-written in lock-step with prisma/schema.prisma (the drift test
-- proves it). What Prisma cannot say is here too: the normalised code index, CHECK constraints and
-- the triggers that keep posted entries immutable and balanced for every role, the owner included.

-- CreateEnum
CREATE TYPE "finance"."account_type" AS ENUM ('asset', 'liability', 'equity', 'income', 'expense');
CREATE TYPE "finance"."account_subtype" AS ENUM (
    'bank', 'cash', 'receivable', 'inventory', 'current_asset', 'fixed_asset', 'accumulated_depreciation',
    'supplier_advance', 'undeposited_funds', 'payable', 'tax', 'current_liability', 'long_term_liability',
    'goods_received_not_invoiced', 'customer_advance', 'employee_payable', 'capital', 'retained_earnings',
    'opening_balance', 'sales', 'other_income', 'cost_of_goods_sold', 'operating_expense', 'other_expense',
    'depreciation', 'stock_adjustment', 'exchange_gain_loss', 'rounding');
CREATE TYPE "finance"."entry_status" AS ENUM ('draft', 'posted');
CREATE TYPE "finance"."party_type" AS ENUM ('customer', 'supplier');
CREATE TYPE "finance"."period_lock_action" AS ENUM ('lock', 'unlock');

-- CreateTable
CREATE TABLE "finance"."ledger_settings" (
    "organization_id" UUID NOT NULL,
    "base_currency" CHAR(3) NOT NULL,
    "fiscal_year_start_month" INTEGER NOT NULL DEFAULT 1,
    "chart_created_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ledger_settings_pkey" PRIMARY KEY ("organization_id"),
    CONSTRAINT "ledger_settings_fiscal_year_start_month_check" CHECK ("fiscal_year_start_month" BETWEEN 1 AND 12)
);

CREATE TABLE "finance"."accounts" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "parent_id" UUID,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "finance"."account_type" NOT NULL,
    "subtype" "finance"."account_subtype",
    "is_group" BOOLEAN NOT NULL DEFAULT false,
    "currency" CHAR(3),
    "description" TEXT,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "accounts_not_own_parent_check" CHECK ("parent_id" IS DISTINCT FROM "id")
);

CREATE TABLE "finance"."journal_entries" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "status" "finance"."entry_status" NOT NULL DEFAULT 'draft',
    "number" TEXT,
    "fiscal_year" INTEGER,
    "sequence" INTEGER,
    "entry_date" DATE NOT NULL,
    "memo" TEXT,
    "reference" TEXT,
    "source_type" TEXT,
    "source_id" TEXT,
    "reversal_of_entry_id" UUID,
    "base_currency" CHAR(3) NOT NULL,
    "base_total_debit" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "base_total_credit" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "chain_position" BIGINT,
    "previous_hash" CHAR(64),
    "hash" CHAR(64),
    "posted_at" TIMESTAMPTZ(3),
    "posted_by" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "journal_entries_pkey" PRIMARY KEY ("id"),
    -- A posted entry has everything posting gives it; a draft has none of it.
    CONSTRAINT "journal_entries_posted_fields_check" CHECK (
        CASE "status"
            WHEN 'posted' THEN "number" IS NOT NULL AND "fiscal_year" IS NOT NULL AND "sequence" IS NOT NULL
                AND "chain_position" IS NOT NULL AND "hash" IS NOT NULL AND "posted_at" IS NOT NULL AND "posted_by" IS NOT NULL
            ELSE "number" IS NULL AND "sequence" IS NULL AND "chain_position" IS NULL AND "hash" IS NULL AND "posted_at" IS NULL
        END),
    CONSTRAINT "journal_entries_source_check" CHECK (("source_type" IS NULL) = ("source_id" IS NULL)),
    CONSTRAINT "journal_entries_totals_check" CHECK ("base_total_debit" >= 0 AND "base_total_credit" >= 0),
    CONSTRAINT "journal_entries_sequence_check" CHECK ("sequence" > 0),
    CONSTRAINT "journal_entries_not_own_reversal_check" CHECK ("reversal_of_entry_id" IS DISTINCT FROM "id")
);

CREATE TABLE "finance"."journal_lines" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "entry_id" UUID NOT NULL,
    "line_number" INTEGER NOT NULL,
    "account_id" UUID NOT NULL,
    "entry_date" DATE NOT NULL,
    "description" TEXT,
    "debit" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "credit" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "currency" CHAR(3) NOT NULL,
    "exchange_rate" DECIMAL(20,10),
    "base_debit" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "base_credit" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "party_type" "finance"."party_type",
    "party_id" UUID,
    "is_rounding" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "journal_lines_pkey" PRIMARY KEY ("id"),
    -- Exactly one side, greater than zero, in the line's currency.
    CONSTRAINT "journal_lines_debit_xor_credit_check" CHECK (("debit" > 0 AND "credit" = 0) OR ("credit" > 0 AND "debit" = 0)),
    -- The base amount is on the same side (it may round to zero for a tiny foreign amount).
    CONSTRAINT "journal_lines_base_side_check" CHECK (
        "base_debit" >= 0 AND "base_credit" >= 0 AND ("base_debit" = 0 OR "debit" > 0) AND ("base_credit" = 0 OR "credit" > 0)),
    CONSTRAINT "journal_lines_exchange_rate_check" CHECK ("exchange_rate" > 0),
    CONSTRAINT "journal_lines_party_check" CHECK (("party_type" IS NULL) = ("party_id" IS NULL)),
    CONSTRAINT "journal_lines_line_number_check" CHECK ("line_number" > 0)
);

CREATE TABLE "finance"."account_period_balances" (
    "organization_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "period" CHAR(7) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "debit" DECIMAL(24,4) NOT NULL DEFAULT 0,
    "credit" DECIMAL(24,4) NOT NULL DEFAULT 0,
    "base_debit" DECIMAL(24,4) NOT NULL DEFAULT 0,
    "base_credit" DECIMAL(24,4) NOT NULL DEFAULT 0,
    "line_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "account_period_balances_pkey" PRIMARY KEY ("organization_id", "account_id", "period", "currency"),
    CONSTRAINT "account_period_balances_period_check" CHECK ("period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);

CREATE TABLE "finance"."account_daily_balances" (
    "organization_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "balance_date" DATE NOT NULL,
    "base_debit" DECIMAL(24,4) NOT NULL DEFAULT 0,
    "base_credit" DECIMAL(24,4) NOT NULL DEFAULT 0,
    "line_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "account_daily_balances_pkey" PRIMARY KEY ("organization_id", "account_id", "balance_date")
);

CREATE TABLE "finance"."entry_number_counters" (
    "organization_id" UUID NOT NULL,
    "fiscal_year" INTEGER NOT NULL,
    "last_number" INTEGER NOT NULL,

    CONSTRAINT "entry_number_counters_pkey" PRIMARY KEY ("organization_id", "fiscal_year"),
    CONSTRAINT "entry_number_counters_last_number_check" CHECK ("last_number" >= 0)
);

CREATE TABLE "finance"."ledger_chain" (
    "organization_id" UUID NOT NULL,
    "last_hash" CHAR(64),
    "last_position" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ledger_chain_pkey" PRIMARY KEY ("organization_id")
);

CREATE TABLE "finance"."exchange_rates" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "effective_date" DATE NOT NULL,
    "rate" DECIMAL(20,10) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "exchange_rates_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "exchange_rates_rate_check" CHECK ("rate" > 0)
);

CREATE TABLE "finance"."period_locks" (
    "organization_id" UUID NOT NULL,
    "locked_through" DATE,
    "updated_by" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "period_locks_pkey" PRIMARY KEY ("organization_id")
);

CREATE TABLE "finance"."period_lock_events" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "action" "finance"."period_lock_action" NOT NULL,
    "locked_through" DATE,
    "previous_locked_through" DATE,
    "reason" TEXT,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "period_lock_events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "period_lock_events_unlock_reason_check" CHECK ("action" <> 'unlock' OR "reason" IS NOT NULL)
);

CREATE TABLE "finance"."fiscal_year_closings" (
    "organization_id" UUID NOT NULL,
    "fiscal_year" INTEGER NOT NULL,
    "entry_id" UUID NOT NULL,
    "closed_by" TEXT NOT NULL,
    "closed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fiscal_year_closings_pkey" PRIMARY KEY ("organization_id", "fiscal_year")
);

-- CreateIndex
CREATE UNIQUE INDEX "accounts_organization_id_id_key" ON "finance"."accounts"("organization_id", "id");
CREATE INDEX "accounts_organization_id_code_idx" ON "finance"."accounts"("organization_id", "code");
CREATE INDEX "accounts_organization_id_parent_id_idx" ON "finance"."accounts"("organization_id", "parent_id");
-- Codes are unique per organization ignoring case and surrounding whitespace.
CREATE UNIQUE INDEX "accounts_code_normalised_key" ON "finance"."accounts" ("organization_id", lower(btrim("code")));

CREATE UNIQUE INDEX "journal_entries_organization_id_id_key" ON "finance"."journal_entries"("organization_id", "id");
CREATE UNIQUE INDEX "journal_entries_organization_id_number_key" ON "finance"."journal_entries"("organization_id", "number");
CREATE UNIQUE INDEX "journal_entries_organization_id_fiscal_year_sequence_key" ON "finance"."journal_entries"("organization_id", "fiscal_year", "sequence");
CREATE UNIQUE INDEX "journal_entries_organization_id_source_type_source_id_key" ON "finance"."journal_entries"("organization_id", "source_type", "source_id");
CREATE UNIQUE INDEX "journal_entries_organization_id_reversal_of_entry_id_key" ON "finance"."journal_entries"("organization_id", "reversal_of_entry_id");
CREATE UNIQUE INDEX "journal_entries_organization_id_chain_position_key" ON "finance"."journal_entries"("organization_id", "chain_position");
CREATE INDEX "journal_entries_organization_id_entry_date_idx" ON "finance"."journal_entries"("organization_id", "entry_date");
CREATE INDEX "journal_entries_organization_id_created_at_idx" ON "finance"."journal_entries"("organization_id", "created_at");

CREATE UNIQUE INDEX "journal_lines_organization_id_entry_id_line_number_key" ON "finance"."journal_lines"("organization_id", "entry_id", "line_number");
CREATE INDEX "journal_lines_organization_id_account_id_entry_date_idx" ON "finance"."journal_lines"("organization_id", "account_id", "entry_date");
CREATE INDEX "journal_lines_organization_id_party_id_idx" ON "finance"."journal_lines"("organization_id", "party_id");

CREATE INDEX "account_period_balances_organization_id_period_idx" ON "finance"."account_period_balances"("organization_id", "period");
CREATE INDEX "account_daily_balances_organization_id_balance_date_idx" ON "finance"."account_daily_balances"("organization_id", "balance_date");

CREATE UNIQUE INDEX "exchange_rates_organization_id_currency_effective_date_key" ON "finance"."exchange_rates"("organization_id", "currency", "effective_date");

CREATE INDEX "period_lock_events_organization_id_created_at_idx" ON "finance"."period_lock_events"("organization_id", "created_at");

CREATE UNIQUE INDEX "fiscal_year_closings_organization_id_entry_id_key" ON "finance"."fiscal_year_closings"("organization_id", "entry_id");

-- AddForeignKey
ALTER TABLE "finance"."accounts" ADD CONSTRAINT "accounts_organization_id_parent_id_fkey" FOREIGN KEY ("organization_id", "parent_id") REFERENCES "finance"."accounts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."journal_entries" ADD CONSTRAINT "journal_entries_organization_id_reversal_of_entry_id_fkey" FOREIGN KEY ("organization_id", "reversal_of_entry_id") REFERENCES "finance"."journal_entries"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."journal_lines" ADD CONSTRAINT "journal_lines_organization_id_entry_id_fkey" FOREIGN KEY ("organization_id", "entry_id") REFERENCES "finance"."journal_entries"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "finance"."journal_lines" ADD CONSTRAINT "journal_lines_organization_id_account_id_fkey" FOREIGN KEY ("organization_id", "account_id") REFERENCES "finance"."accounts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."account_period_balances" ADD CONSTRAINT "account_period_balances_organization_id_account_id_fkey" FOREIGN KEY ("organization_id", "account_id") REFERENCES "finance"."accounts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."account_daily_balances" ADD CONSTRAINT "account_daily_balances_organization_id_account_id_fkey" FOREIGN KEY ("organization_id", "account_id") REFERENCES "finance"."accounts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "finance"."fiscal_year_closings" ADD CONSTRAINT "fiscal_year_closings_organization_id_entry_id_fkey" FOREIGN KEY ("organization_id", "entry_id") REFERENCES "finance"."journal_entries"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ── Guards: posted entries are immutable and balanced, whoever writes ──────────────────────────

-- A posted entry's row never changes and is never deleted (a draft may be edited, posted or deleted).
CREATE FUNCTION "finance"."refuse_posted_entry_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'posted' THEN
        RAISE EXCEPTION 'journal entry % is posted: % refused; reverse it instead', OLD.number, TG_OP
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER "journal_entries_posted_immutable"
    BEFORE UPDATE OR DELETE ON "finance"."journal_entries"
    FOR EACH ROW EXECUTE FUNCTION "finance"."refuse_posted_entry_change"();

-- Lines of a posted entry are neither added, changed nor removed; nor moved into or out of one.
CREATE FUNCTION "finance"."refuse_posted_line_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM "finance"."journal_entries" e
        WHERE e.status = 'posted'
          AND e.id IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD.entry_id END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.entry_id END)
    ) THEN
        RAISE EXCEPTION 'lines of a posted journal entry: % refused', TG_OP
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER "journal_lines_posted_immutable"
    BEFORE INSERT OR UPDATE OR DELETE ON "finance"."journal_lines"
    FOR EACH ROW EXECUTE FUNCTION "finance"."refuse_posted_line_change"();

CREATE FUNCTION "finance"."refuse_ledger_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% holds posted entries: it cannot be truncated', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE TRIGGER "journal_entries_no_truncate" BEFORE TRUNCATE ON "finance"."journal_entries"
    FOR EACH STATEMENT EXECUTE FUNCTION "finance"."refuse_ledger_truncate"();
CREATE TRIGGER "journal_lines_no_truncate" BEFORE TRUNCATE ON "finance"."journal_lines"
    FOR EACH STATEMENT EXECUTE FUNCTION "finance"."refuse_ledger_truncate"();

-- At commit, every entry that is posted has at least two lines, every line has its rate, and
-- its base debits equal its base credits and the entry's base totals. Deferred, so the posting
-- transaction may write lines first and post after; no transaction can commit an unbalanced one.
CREATE FUNCTION "finance"."check_posted_entry_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    entry record;
    lines record;
BEGIN
    SELECT id, number, status, base_total_debit, base_total_credit INTO entry
        FROM "finance"."journal_entries" WHERE id = NEW.id;
    IF NOT FOUND OR entry.status <> 'posted' THEN
        RETURN NULL;
    END IF;
    SELECT count(*) AS n, coalesce(sum(base_debit), 0) AS debit, coalesce(sum(base_credit), 0) AS credit,
           count(*) FILTER (WHERE exchange_rate IS NULL) AS unrated
        INTO lines FROM "finance"."journal_lines" WHERE entry_id = entry.id;
    IF lines.n < 2 THEN
        RAISE EXCEPTION 'posted journal entry % has % line(s); at least 2 are required', entry.number, lines.n
            USING ERRCODE = 'check_violation';
    END IF;
    IF lines.unrated > 0 THEN
        RAISE EXCEPTION 'posted journal entry % has lines without an exchange rate', entry.number
            USING ERRCODE = 'check_violation';
    END IF;
    IF lines.debit <> lines.credit OR lines.debit <> entry.base_total_debit OR lines.credit <> entry.base_total_credit THEN
        RAISE EXCEPTION 'posted journal entry % does not balance: base debits %, base credits % (entry totals %, %)',
            entry.number, lines.debit, lines.credit, entry.base_total_debit, entry.base_total_credit
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "journal_entries_balanced_at_commit"
    AFTER INSERT OR UPDATE ON "finance"."journal_entries"
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION "finance"."check_posted_entry_balanced"();

-- Posting adds the entry's lines to the balances per account and month (per currency) and per
-- account and day, in the posting transaction: no code path can post without them.
CREATE FUNCTION "finance"."add_posted_entry_to_balances"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "finance"."account_period_balances" AS b
        (organization_id, account_id, period, currency, debit, credit, base_debit, base_credit, line_count)
    SELECT l.organization_id, l.account_id, to_char(NEW.entry_date, 'YYYY-MM'), l.currency,
           sum(l.debit), sum(l.credit), sum(l.base_debit), sum(l.base_credit), count(*)
    FROM "finance"."journal_lines" l WHERE l.entry_id = NEW.id
    GROUP BY l.organization_id, l.account_id, l.currency
    ORDER BY l.account_id, l.currency
    ON CONFLICT (organization_id, account_id, period, currency) DO UPDATE SET
        debit = b.debit + EXCLUDED.debit, credit = b.credit + EXCLUDED.credit,
        base_debit = b.base_debit + EXCLUDED.base_debit, base_credit = b.base_credit + EXCLUDED.base_credit,
        line_count = b.line_count + EXCLUDED.line_count;

    INSERT INTO "finance"."account_daily_balances" AS b
        (organization_id, account_id, balance_date, base_debit, base_credit, line_count)
    SELECT l.organization_id, l.account_id, NEW.entry_date, sum(l.base_debit), sum(l.base_credit), count(*)
    FROM "finance"."journal_lines" l WHERE l.entry_id = NEW.id
    GROUP BY l.organization_id, l.account_id
    ORDER BY l.account_id
    ON CONFLICT (organization_id, account_id, balance_date) DO UPDATE SET
        base_debit = b.base_debit + EXCLUDED.base_debit, base_credit = b.base_credit + EXCLUDED.base_credit,
        line_count = b.line_count + EXCLUDED.line_count;
    RETURN NULL;
END $$;

CREATE TRIGGER "journal_entries_posted_to_balances"
    AFTER UPDATE OF status ON "finance"."journal_entries"
    FOR EACH ROW WHEN (OLD.status = 'draft' AND NEW.status = 'posted')
    EXECUTE FUNCTION "finance"."add_posted_entry_to_balances"();

-- ── Table access (packages/db/README.md) ────────────────────────────────────────────────────────
SELECT public.app_enable_tenant_isolation('finance.ledger_settings');
SELECT public.app_enable_tenant_isolation('finance.accounts');
-- Drafts are edited and deleted; the triggers above refuse it for posted entries and their lines.
SELECT public.app_enable_tenant_isolation('finance.journal_entries');
SELECT public.app_enable_tenant_isolation('finance.journal_lines');
-- Balances only ever grow, by the posting trigger.
SELECT public.app_enable_tenant_isolation('finance.account_period_balances', ARRAY['SELECT', 'INSERT', 'UPDATE']);
SELECT public.app_enable_tenant_isolation('finance.account_daily_balances', ARRAY['SELECT', 'INSERT', 'UPDATE']);
SELECT public.app_enable_tenant_isolation('finance.entry_number_counters', ARRAY['SELECT', 'INSERT', 'UPDATE']);
SELECT public.app_enable_tenant_isolation('finance.ledger_chain', ARRAY['SELECT', 'INSERT', 'UPDATE']);
SELECT public.app_enable_tenant_isolation('finance.exchange_rates');
SELECT public.app_enable_tenant_isolation('finance.period_locks', ARRAY['SELECT', 'INSERT', 'UPDATE']);
-- The lock history is append-only.
SELECT public.app_enable_tenant_isolation('finance.period_lock_events', ARRAY['SELECT', 'INSERT']);
SELECT public.app_enable_tenant_isolation('finance.fiscal_year_closings', ARRAY['SELECT', 'INSERT', 'DELETE']);
SELECT public.app_create_outbox('finance');
