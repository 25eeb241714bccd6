-- Tenant service: organizations, plans, subscriptions, enabled modules, settings, outbox.
-- Hand-written in lock-step with prisma/schema.prisma (the drift test proves it).

-- CreateEnum
CREATE TYPE "tenant"."organization_status" AS ENUM ('pending', 'active', 'suspended');

-- CreateTable
CREATE TABLE "tenant"."organizations" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "base_currency" CHAR(3) NOT NULL,
    "timezone" TEXT NOT NULL,
    "status" "tenant"."organization_status" NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tenant"."plans" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "modules" TEXT[],
    "max_seats" INTEGER,
    "position" INTEGER NOT NULL,

    CONSTRAINT "plans_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "tenant"."subscriptions" (
    "organization_id" UUID NOT NULL,
    "plan_code" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("organization_id")
);

-- CreateTable
CREATE TABLE "tenant"."enabled_modules" (
    "organization_id" UUID NOT NULL,
    "module" TEXT NOT NULL,
    "enabled_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "enabled_modules_pkey" PRIMARY KEY ("organization_id", "module")
);

-- CreateTable
CREATE TABLE "tenant"."organization_settings" (
    "organization_id" UUID NOT NULL,
    "values" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "organization_settings_pkey" PRIMARY KEY ("organization_id")
);

-- CreateTable
CREATE TABLE "tenant"."pending_organizations" (
    "organization_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pending_organizations_pkey" PRIMARY KEY ("organization_id")
);

-- CreateTable (same DDL in every service, docs/platform-packages.md)
CREATE TABLE "tenant"."outbox" (
    id uuid PRIMARY KEY,
    sequence bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    organization_id uuid NOT NULL,
    aggregate_type text NOT NULL,
    aggregate_id text NOT NULL,
    event_type text NOT NULL,
    event_version integer NOT NULL,
    envelope jsonb NOT NULL,
    created_at timestamptz(3) NOT NULL DEFAULT now(),
    published_at timestamptz(3)
);

-- CreateIndex
CREATE UNIQUE INDEX "organizations_slug_key" ON "tenant"."organizations"("slug");

-- CreateIndex
CREATE INDEX "subscriptions_plan_code_idx" ON "tenant"."subscriptions"("plan_code");

-- CreateIndex
CREATE INDEX "pending_organizations_created_at_idx" ON "tenant"."pending_organizations"("created_at");

-- CreateIndex
CREATE INDEX outbox_unpublished_idx ON "tenant"."outbox" (sequence) WHERE published_at IS NULL;

-- AddForeignKey
ALTER TABLE "tenant"."subscriptions" ADD CONSTRAINT "subscriptions_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "tenant"."organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tenant"."subscriptions" ADD CONSTRAINT "subscriptions_plan_code_fkey" FOREIGN KEY ("plan_code") REFERENCES "tenant"."plans"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tenant"."enabled_modules" ADD CONSTRAINT "enabled_modules_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "tenant"."organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tenant"."organization_settings" ADD CONSTRAINT "organization_settings_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "tenant"."organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tenant"."pending_organizations" ADD CONSTRAINT "pending_organizations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "tenant"."organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant isolation: an organization sees only its own row (policy on id, not organization_id).
ALTER TABLE "tenant"."organizations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tenant"."organizations" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tenant"."organizations"
    USING (id = public.app_current_organization())
    WITH CHECK (id = public.app_current_organization());

ALTER TABLE "tenant"."subscriptions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tenant"."subscriptions" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tenant"."subscriptions"
    USING (organization_id = public.app_current_organization())
    WITH CHECK (organization_id = public.app_current_organization());

ALTER TABLE "tenant"."enabled_modules" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tenant"."enabled_modules" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tenant"."enabled_modules"
    USING (organization_id = public.app_current_organization())
    WITH CHECK (organization_id = public.app_current_organization());

ALTER TABLE "tenant"."organization_settings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tenant"."organization_settings" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tenant"."organization_settings"
    USING (organization_id = public.app_current_organization())
    WITH CHECK (organization_id = public.app_current_organization());

-- What the application role (erp_app) may do. @erp/db migrate's default privileges already grant
-- it read/write on every table of this schema; these lines say so explicitly, and plans, being
-- reference data owned by migrations, are read-only to it.
GRANT SELECT, INSERT, UPDATE, DELETE ON
    "tenant"."organizations", "tenant"."subscriptions", "tenant"."enabled_modules",
    "tenant"."organization_settings", "tenant"."pending_organizations"
    TO erp_app;
GRANT SELECT, INSERT ON "tenant"."outbox" TO erp_app;
GRANT SELECT ON "tenant"."plans" TO erp_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "tenant"."plans" FROM erp_app;

-- Seed: the subscription plans (module keys equal gateway service names).
INSERT INTO "tenant"."plans" ("code", "name", "modules", "max_seats", "position") VALUES
    ('free', 'Free', ARRAY['master-data', 'notifications'], 3, 1),
    ('pro', 'Pro', ARRAY['master-data', 'notifications', 'finance', 'crm'], 25, 2),
    ('enterprise', 'Enterprise', ARRAY['master-data', 'finance', 'crm', 'notifications'], NULL, 3);
