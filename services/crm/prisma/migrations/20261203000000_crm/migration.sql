-- CRM service: settings, pipelines and stages, companies, contacts with their emails and phones,
-- leads, opportunities and their stage history, activities, record changes (timelines), merge
-- redirects, the due-task queue and the outbox. Hand-written in lock-step with
-- prisma/schema.prisma (the drift test proves it). What Prisma cannot say is here too: the partial
-- unique index on normalised emails among active contacts, one default pipeline per organization,
-- names and domains unique ignoring case, and CHECK constraints.

-- CreateEnum
CREATE TYPE "crm"."stage_kind" AS ENUM ('open', 'won', 'lost');
CREATE TYPE "crm"."lead_status" AS ENUM ('new', 'contacted', 'qualified', 'disqualified', 'converted');
CREATE TYPE "crm"."opportunity_status" AS ENUM ('open', 'won', 'lost');
CREATE TYPE "crm"."contact_status" AS ENUM ('active', 'merged');
CREATE TYPE "crm"."activity_type" AS ENUM ('note', 'call', 'meeting', 'email', 'task');
CREATE TYPE "crm"."record_type" AS ENUM ('company', 'contact', 'lead', 'opportunity');

-- CreateTable
CREATE TABLE "crm"."settings" (
    "organization_id" UUID NOT NULL,
    "pipeline_created_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("organization_id")
);

CREATE TABLE "crm"."pipelines" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pipelines_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "pipelines_name_check" CHECK (btrim("name") <> '')
);

CREATE TABLE "crm"."pipeline_stages" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "pipeline_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "crm"."stage_kind" NOT NULL,
    "probability" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pipeline_stages_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "pipeline_stages_name_check" CHECK (btrim("name") <> ''),
    CONSTRAINT "pipeline_stages_probability_check" CHECK ("probability" BETWEEN 0 AND 100),
    -- A won deal is certain and a lost one is not going to happen.
    CONSTRAINT "pipeline_stages_won_probability_check" CHECK ("kind" <> 'won' OR "probability" = 100),
    CONSTRAINT "pipeline_stages_lost_probability_check" CHECK ("kind" <> 'lost' OR "probability" = 0),
    CONSTRAINT "pipeline_stages_position_check" CHECK ("position" >= 0)
);

CREATE TABLE "crm"."companies" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "domain" TEXT,
    "industry" TEXT,
    "size" TEXT,
    "address" JSONB,
    "owner_id" UUID,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "customer_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "companies_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "companies_name_check" CHECK (btrim("name") <> ''),
    -- Stored normalised: lower-case, no scheme, no www., no path.
    CONSTRAINT "companies_domain_check" CHECK ("domain" = lower("domain") AND "domain" !~ '[/:@\s]')
);

CREATE TABLE "crm"."contacts" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT,
    "job_title" TEXT,
    "company_id" UUID,
    "owner_id" UUID,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "crm"."contact_status" NOT NULL DEFAULT 'active',
    "merged_into_id" UUID,
    "merged_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "contacts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "contacts_first_name_check" CHECK (btrim("first_name") <> ''),
    CONSTRAINT "contacts_merged_check" CHECK (
        ("status" = 'merged') = ("merged_into_id" IS NOT NULL) AND ("merged_into_id" IS NULL) = ("merged_at" IS NULL)),
    CONSTRAINT "contacts_not_merged_into_itself_check" CHECK ("merged_into_id" IS DISTINCT FROM "id")
);

CREATE TABLE "crm"."contact_emails" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "normalised" TEXT NOT NULL,
    "label" TEXT,
    "position" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "contact_emails_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "contact_emails_normalised_check" CHECK ("normalised" = lower(btrim("email")))
);

CREATE TABLE "crm"."contact_phones" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "label" TEXT,
    "position" INTEGER NOT NULL,

    CONSTRAINT "contact_phones_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "contact_phones_e164_check" CHECK ("number" ~ '^\+[1-9][0-9]{1,14}$')
);

CREATE TABLE "crm"."leads" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "company_name" TEXT,
    "email" TEXT,
    "normalised_email" TEXT,
    "phone" TEXT,
    "source" TEXT,
    "status" "crm"."lead_status" NOT NULL DEFAULT 'new',
    "disqualify_reason" TEXT,
    "owner_id" UUID,
    "estimated_value" DECIMAL(20,2),
    "currency" CHAR(3),
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "notes" TEXT,
    "company_id" UUID,
    "contact_id" UUID,
    "opportunity_id" UUID,
    "converted_at" TIMESTAMPTZ(3),
    "converted_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "leads_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "leads_name_check" CHECK (btrim("name") <> ''),
    CONSTRAINT "leads_normalised_email_check" CHECK ("normalised_email" IS NOT DISTINCT FROM lower(btrim("email"))),
    CONSTRAINT "leads_phone_e164_check" CHECK ("phone" ~ '^\+[1-9][0-9]{1,14}$'),
    CONSTRAINT "leads_value_currency_check" CHECK (("estimated_value" IS NULL) = ("currency" IS NULL)),
    CONSTRAINT "leads_estimated_value_check" CHECK ("estimated_value" >= 0),
    CONSTRAINT "leads_disqualified_check" CHECK (("status" = 'disqualified') = ("disqualify_reason" IS NOT NULL)),
    CONSTRAINT "leads_converted_check" CHECK (
        ("status" = 'converted') = ("converted_at" IS NOT NULL) AND ("converted_at" IS NULL) = ("converted_by" IS NULL)
        AND ("status" = 'converted' OR ("company_id" IS NULL AND "contact_id" IS NULL AND "opportunity_id" IS NULL)))
);

CREATE TABLE "crm"."opportunities" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "company_id" UUID,
    "contact_id" UUID,
    "pipeline_id" UUID NOT NULL,
    "stage_id" UUID NOT NULL,
    "status" "crm"."opportunity_status" NOT NULL DEFAULT 'open',
    "amount" DECIMAL(20,2),
    "currency" CHAR(3),
    "expected_close_date" DATE,
    "owner_id" UUID,
    "lost_reason" TEXT,
    "closed_at" TIMESTAMPTZ(3),
    "stage_entered_at" TIMESTAMPTZ(3) NOT NULL,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "opportunities_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "opportunities_name_check" CHECK (btrim("name") <> ''),
    CONSTRAINT "opportunities_amount_currency_check" CHECK (("amount" IS NULL) = ("currency" IS NULL)),
    CONSTRAINT "opportunities_amount_check" CHECK ("amount" >= 0),
    CONSTRAINT "opportunities_closed_check" CHECK (("status" = 'open') = ("closed_at" IS NULL)),
    CONSTRAINT "opportunities_lost_reason_check" CHECK ("status" = 'lost' OR "lost_reason" IS NULL)
);

CREATE TABLE "crm"."opportunity_stage_history" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "opportunity_id" UUID NOT NULL,
    "from_stage_id" UUID,
    "from_stage_name" TEXT,
    "to_stage_id" UUID NOT NULL,
    "to_stage_name" TEXT NOT NULL,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,
    "seconds_in_previous_stage" INTEGER,

    CONSTRAINT "opportunity_stage_history_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "opportunity_stage_history_from_check" CHECK (
        ("from_stage_id" IS NULL) = ("from_stage_name" IS NULL) AND ("from_stage_id" IS NULL) = ("seconds_in_previous_stage" IS NULL)),
    CONSTRAINT "opportunity_stage_history_seconds_check" CHECK ("seconds_in_previous_stage" >= 0)
);

CREATE TABLE "crm"."activities" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "type" "crm"."activity_type" NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_minutes" INTEGER,
    "due_at" TIMESTAMPTZ(3),
    "assignee_id" UUID,
    "done_at" TIMESTAMPTZ(3),
    "due_notified_at" TIMESTAMPTZ(3),
    "company_id" UUID,
    "contact_id" UUID,
    "lead_id" UUID,
    "opportunity_id" UUID,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "activities_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "activities_subject_check" CHECK (btrim("subject") <> ''),
    CONSTRAINT "activities_attached_check" CHECK (num_nonnulls("company_id", "contact_id", "lead_id", "opportunity_id") >= 1),
    -- Only tasks fall due, are assigned and are done.
    CONSTRAINT "activities_task_fields_check" CHECK (
        "type" = 'task' OR ("due_at" IS NULL AND "assignee_id" IS NULL AND "done_at" IS NULL AND "due_notified_at" IS NULL)),
    CONSTRAINT "activities_duration_check" CHECK ("duration_minutes" >= 0)
);

CREATE TABLE "crm"."record_changes" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "record_type" "crm"."record_type" NOT NULL,
    "record_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "changes" JSONB,

    CONSTRAINT "record_changes_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "crm"."merge_redirects" (
    "from_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "record_type" "crm"."record_type" NOT NULL,
    "to_id" UUID NOT NULL,
    "merged_at" TIMESTAMPTZ(3) NOT NULL,
    "merged_by" TEXT NOT NULL,

    CONSTRAINT "merge_redirects_pkey" PRIMARY KEY ("from_id"),
    CONSTRAINT "merge_redirects_not_itself_check" CHECK ("from_id" <> "to_id")
);

CREATE TABLE "crm"."due_tasks" (
    "activity_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "due_tasks_pkey" PRIMARY KEY ("activity_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "pipelines_organization_id_id_key" ON "crm"."pipelines"("organization_id", "id");
CREATE INDEX "pipelines_organization_id_name_idx" ON "crm"."pipelines"("organization_id", "name");
CREATE UNIQUE INDEX "pipelines_name_normalised_key" ON "crm"."pipelines"("organization_id", lower(btrim("name")));
-- At most one default pipeline per organization; also what makes creating it idempotent.
CREATE UNIQUE INDEX "pipelines_one_default_key" ON "crm"."pipelines"("organization_id") WHERE "is_default";

CREATE UNIQUE INDEX "pipeline_stages_organization_id_id_key" ON "crm"."pipeline_stages"("organization_id", "id");
CREATE UNIQUE INDEX "pipeline_stages_organization_id_pipeline_id_id_key" ON "crm"."pipeline_stages"("organization_id", "pipeline_id", "id");
CREATE INDEX "pipeline_stages_organization_id_pipeline_id_position_idx" ON "crm"."pipeline_stages"("organization_id", "pipeline_id", "position");
CREATE UNIQUE INDEX "pipeline_stages_name_normalised_key" ON "crm"."pipeline_stages"("organization_id", "pipeline_id", lower(btrim("name")));

CREATE UNIQUE INDEX "companies_organization_id_id_key" ON "crm"."companies"("organization_id", "id");
CREATE INDEX "companies_organization_id_name_idx" ON "crm"."companies"("organization_id", "name");
CREATE INDEX "companies_organization_id_owner_id_idx" ON "crm"."companies"("organization_id", "owner_id");
CREATE INDEX "companies_organization_id_created_at_idx" ON "crm"."companies"("organization_id", "created_at");
-- A domain names one company of the organization: conversions and imports link to it.
CREATE UNIQUE INDEX "companies_domain_key" ON "crm"."companies"("organization_id", "domain") WHERE "domain" IS NOT NULL;

CREATE UNIQUE INDEX "contacts_organization_id_id_key" ON "crm"."contacts"("organization_id", "id");
CREATE INDEX "contacts_organization_id_last_name_first_name_idx" ON "crm"."contacts"("organization_id", "last_name", "first_name");
CREATE INDEX "contacts_organization_id_company_id_idx" ON "crm"."contacts"("organization_id", "company_id");
CREATE INDEX "contacts_organization_id_owner_id_idx" ON "crm"."contacts"("organization_id", "owner_id");
CREATE INDEX "contacts_organization_id_created_at_idx" ON "crm"."contacts"("organization_id", "created_at");

CREATE INDEX "contact_emails_organization_id_contact_id_idx" ON "crm"."contact_emails"("organization_id", "contact_id");
CREATE INDEX "contact_emails_organization_id_normalised_idx" ON "crm"."contact_emails"("organization_id", "normalised");
-- A normalised address belongs to one active contact of the organization (merged contacts' rows are inactive).
CREATE UNIQUE INDEX "contact_emails_active_normalised_key" ON "crm"."contact_emails"("organization_id", "normalised") WHERE "active";

CREATE INDEX "contact_phones_organization_id_contact_id_idx" ON "crm"."contact_phones"("organization_id", "contact_id");
CREATE INDEX "contact_phones_organization_id_number_idx" ON "crm"."contact_phones"("organization_id", "number");

CREATE UNIQUE INDEX "leads_organization_id_id_key" ON "crm"."leads"("organization_id", "id");
CREATE INDEX "leads_organization_id_name_idx" ON "crm"."leads"("organization_id", "name");
CREATE INDEX "leads_organization_id_status_idx" ON "crm"."leads"("organization_id", "status");
CREATE INDEX "leads_organization_id_owner_id_idx" ON "crm"."leads"("organization_id", "owner_id");
CREATE INDEX "leads_organization_id_normalised_email_idx" ON "crm"."leads"("organization_id", "normalised_email");
CREATE INDEX "leads_organization_id_created_at_idx" ON "crm"."leads"("organization_id", "created_at");

CREATE UNIQUE INDEX "opportunities_organization_id_id_key" ON "crm"."opportunities"("organization_id", "id");
CREATE INDEX "opportunities_organization_id_pipeline_id_stage_id_idx" ON "crm"."opportunities"("organization_id", "pipeline_id", "stage_id");
CREATE INDEX "opportunities_organization_id_owner_id_idx" ON "crm"."opportunities"("organization_id", "owner_id");
CREATE INDEX "opportunities_organization_id_company_id_idx" ON "crm"."opportunities"("organization_id", "company_id");
CREATE INDEX "opportunities_organization_id_contact_id_idx" ON "crm"."opportunities"("organization_id", "contact_id");
CREATE INDEX "opportunities_organization_id_expected_close_date_idx" ON "crm"."opportunities"("organization_id", "expected_close_date");
CREATE INDEX "opportunities_organization_id_created_at_idx" ON "crm"."opportunities"("organization_id", "created_at");

CREATE INDEX "opportunity_stage_history_organization_id_opportunity_id_changed_at_idx" ON "crm"."opportunity_stage_history"("organization_id", "opportunity_id", "changed_at");
CREATE INDEX "opportunity_stage_history_organization_id_from_stage_id_idx" ON "crm"."opportunity_stage_history"("organization_id", "from_stage_id");

CREATE INDEX "activities_organization_id_company_id_occurred_at_idx" ON "crm"."activities"("organization_id", "company_id", "occurred_at");
CREATE INDEX "activities_organization_id_contact_id_occurred_at_idx" ON "crm"."activities"("organization_id", "contact_id", "occurred_at");
CREATE INDEX "activities_organization_id_lead_id_occurred_at_idx" ON "crm"."activities"("organization_id", "lead_id", "occurred_at");
CREATE INDEX "activities_organization_id_opportunity_id_occurred_at_idx" ON "crm"."activities"("organization_id", "opportunity_id", "occurred_at");
CREATE INDEX "activities_organization_id_assignee_id_due_at_idx" ON "crm"."activities"("organization_id", "assignee_id", "due_at");
CREATE INDEX "activities_organization_id_created_at_idx" ON "crm"."activities"("organization_id", "created_at");

CREATE INDEX "record_changes_organization_id_record_type_record_id_occurred_at_idx" ON "crm"."record_changes"("organization_id", "record_type", "record_id", "occurred_at");

CREATE INDEX "merge_redirects_organization_id_to_id_idx" ON "crm"."merge_redirects"("organization_id", "to_id");

CREATE INDEX "due_tasks_due_at_idx" ON "crm"."due_tasks"("due_at");

-- AddForeignKey
ALTER TABLE "crm"."pipeline_stages" ADD CONSTRAINT "pipeline_stages_organization_id_pipeline_id_fkey" FOREIGN KEY ("organization_id", "pipeline_id") REFERENCES "crm"."pipelines"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "crm"."contacts" ADD CONSTRAINT "contacts_organization_id_company_id_fkey" FOREIGN KEY ("organization_id", "company_id") REFERENCES "crm"."companies"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "crm"."contacts" ADD CONSTRAINT "contacts_organization_id_merged_into_id_fkey" FOREIGN KEY ("organization_id", "merged_into_id") REFERENCES "crm"."contacts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "crm"."contact_emails" ADD CONSTRAINT "contact_emails_organization_id_contact_id_fkey" FOREIGN KEY ("organization_id", "contact_id") REFERENCES "crm"."contacts"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "crm"."contact_phones" ADD CONSTRAINT "contact_phones_organization_id_contact_id_fkey" FOREIGN KEY ("organization_id", "contact_id") REFERENCES "crm"."contacts"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "crm"."leads" ADD CONSTRAINT "leads_organization_id_company_id_fkey" FOREIGN KEY ("organization_id", "company_id") REFERENCES "crm"."companies"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "crm"."leads" ADD CONSTRAINT "leads_organization_id_contact_id_fkey" FOREIGN KEY ("organization_id", "contact_id") REFERENCES "crm"."contacts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "crm"."leads" ADD CONSTRAINT "leads_organization_id_opportunity_id_fkey" FOREIGN KEY ("organization_id", "opportunity_id") REFERENCES "crm"."opportunities"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "crm"."opportunities" ADD CONSTRAINT "opportunities_organization_id_company_id_fkey" FOREIGN KEY ("organization_id", "company_id") REFERENCES "crm"."companies"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "crm"."opportunities" ADD CONSTRAINT "opportunities_organization_id_contact_id_fkey" FOREIGN KEY ("organization_id", "contact_id") REFERENCES "crm"."contacts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- The stage must be one of the opportunity's pipeline.
ALTER TABLE "crm"."opportunities" ADD CONSTRAINT "opportunities_organization_id_pipeline_id_stage_id_fkey" FOREIGN KEY ("organization_id", "pipeline_id", "stage_id") REFERENCES "crm"."pipeline_stages"("organization_id", "pipeline_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "crm"."opportunity_stage_history" ADD CONSTRAINT "opportunity_stage_history_organization_id_opportunity_id_fkey" FOREIGN KEY ("organization_id", "opportunity_id") REFERENCES "crm"."opportunities"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "crm"."activities" ADD CONSTRAINT "activities_organization_id_company_id_fkey" FOREIGN KEY ("organization_id", "company_id") REFERENCES "crm"."companies"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "crm"."activities" ADD CONSTRAINT "activities_organization_id_contact_id_fkey" FOREIGN KEY ("organization_id", "contact_id") REFERENCES "crm"."contacts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "crm"."activities" ADD CONSTRAINT "activities_organization_id_lead_id_fkey" FOREIGN KEY ("organization_id", "lead_id") REFERENCES "crm"."leads"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "crm"."activities" ADD CONSTRAINT "activities_organization_id_opportunity_id_fkey" FOREIGN KEY ("organization_id", "opportunity_id") REFERENCES "crm"."opportunities"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ── Table access (packages/db/README.md) ────────────────────────────────────────────────────────
SELECT public.app_enable_tenant_isolation('crm.settings', ARRAY['SELECT', 'INSERT', 'UPDATE']);
SELECT public.app_enable_tenant_isolation('crm.pipelines');
SELECT public.app_enable_tenant_isolation('crm.pipeline_stages');
SELECT public.app_enable_tenant_isolation('crm.companies');
SELECT public.app_enable_tenant_isolation('crm.contacts');
SELECT public.app_enable_tenant_isolation('crm.contact_emails');
SELECT public.app_enable_tenant_isolation('crm.contact_phones');
SELECT public.app_enable_tenant_isolation('crm.leads');
SELECT public.app_enable_tenant_isolation('crm.opportunities');
-- The stage history is append-only (rows go with their opportunity through the cascade).
SELECT public.app_enable_tenant_isolation('crm.opportunity_stage_history', ARRAY['SELECT', 'INSERT']);
SELECT public.app_enable_tenant_isolation('crm.activities');
-- Changes move with a merged record and go with a deleted one; they are never edited otherwise.
SELECT public.app_enable_tenant_isolation('crm.record_changes');
SELECT public.app_enable_tenant_isolation('crm.merge_redirects', ARRAY['SELECT', 'INSERT', 'UPDATE']);
SELECT public.app_declare_cross_organization('crm.due_tasks',
    'the task-due sweeper''s queue: which task of which organization falls due when (ids and times only), read before any organization context exists',
    ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
SELECT public.app_create_outbox('crm');
