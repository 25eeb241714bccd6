-- Members (issue 15): who may own CRM records or be assigned tasks, kept from the users service's
-- membership events (or its one answer for a member whose events the CRM never saw).

-- CreateEnum
CREATE TYPE "crm"."member_status" AS ENUM ('active', 'deactivated');

-- CreateTable
CREATE TABLE "crm"."members" (
    "organization_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "status" "crm"."member_status" NOT NULL,
    "as_of" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "members_pkey" PRIMARY KEY ("organization_id", "user_id")
);

-- ── Table access (packages/db/README.md) ────────────────────────────────────────────────────────
-- Written by the consumers and the directory's answers; a member is never deleted (deactivated instead).
SELECT public.app_enable_tenant_isolation('crm.members', ARRAY['SELECT', 'INSERT', 'UPDATE']);
