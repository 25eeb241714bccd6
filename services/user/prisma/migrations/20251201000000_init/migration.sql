-- Users service: roles, memberships (with profiles), membership roles, departments, invitations, outbox.
-- Hand-written in lock-step with prisma/schema.prisma (src/database.test.ts proves it).

CREATE TYPE "users"."membership_status" AS ENUM ('invited', 'active', 'deactivated');
CREATE TYPE "users"."invitation_status" AS ENUM ('pending', 'accepted', 'revoked');

CREATE TABLE "users"."roles" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "built_in" BOOLEAN NOT NULL DEFAULT false,
    "parent_id" UUID,
    "permissions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "roles_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "users"."memberships" (
    "organization_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "status" "users"."membership_status" NOT NULL DEFAULT 'invited',
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "job_title" TEXT,
    "locale" TEXT,
    "timezone" TEXT,
    "avatar_url" TEXT,
    "department_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("organization_id", "user_id")
);

CREATE TABLE "users"."membership_roles" (
    "organization_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role_id" UUID NOT NULL,

    CONSTRAINT "membership_roles_pkey" PRIMARY KEY ("organization_id", "user_id", "role_id")
);

CREATE TABLE "users"."departments" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "parent_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "departments_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "users"."invitations" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "roles" TEXT[],
    "department_id" UUID,
    "token_hash" TEXT NOT NULL,
    "status" "users"."invitation_status" NOT NULL DEFAULT 'pending',
    "invited_by" UUID NOT NULL,
    "accepted_by" UUID,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- Same DDL in every service, docs/platform-packages.md.
CREATE TABLE "users"."outbox" (
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

CREATE UNIQUE INDEX "roles_organization_id_name_key" ON "users"."roles"("organization_id", "name");
CREATE INDEX "roles_parent_id_idx" ON "users"."roles"("parent_id");
CREATE INDEX "memberships_user_id_idx" ON "users"."memberships"("user_id");
CREATE INDEX "memberships_department_id_idx" ON "users"."memberships"("department_id");
CREATE INDEX "membership_roles_role_id_idx" ON "users"."membership_roles"("role_id");
CREATE UNIQUE INDEX "departments_organization_id_name_key" ON "users"."departments"("organization_id", "name");
CREATE INDEX "departments_parent_id_idx" ON "users"."departments"("parent_id");
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "users"."invitations"("token_hash");
CREATE INDEX "invitations_organization_id_email_idx" ON "users"."invitations"("organization_id", "email");
CREATE INDEX "invitations_department_id_idx" ON "users"."invitations"("department_id");
CREATE INDEX outbox_unpublished_idx ON "users"."outbox" (sequence) WHERE published_at IS NULL;

ALTER TABLE "users"."roles" ADD CONSTRAINT "roles_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "users"."roles"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "users"."memberships" ADD CONSTRAINT "memberships_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "users"."departments"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "users"."membership_roles" ADD CONSTRAINT "membership_roles_organization_id_user_id_fkey" FOREIGN KEY ("organization_id", "user_id") REFERENCES "users"."memberships"("organization_id", "user_id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "users"."membership_roles" ADD CONSTRAINT "membership_roles_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "users"."roles"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "users"."departments" ADD CONSTRAINT "departments_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "users"."departments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "users"."invitations" ADD CONSTRAINT "invitations_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "users"."departments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Tenant isolation on every business table (fail closed when no organization is set).
ALTER TABLE "users"."roles" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "users"."roles" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "users"."roles"
    USING (organization_id = public.app_current_organization())
    WITH CHECK (organization_id = public.app_current_organization());

ALTER TABLE "users"."memberships" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "users"."memberships" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "users"."memberships"
    USING (organization_id = public.app_current_organization())
    WITH CHECK (organization_id = public.app_current_organization());
-- Login must list one user's organizations before one is chosen. Rather than bypassing RLS, a
-- transaction that declares the (already authenticated) user with set_config('app.user_id', ...,
-- true) may read that user's rows, and only read them.
CREATE POLICY member_self_read ON "users"."memberships" FOR SELECT
    USING (user_id = NULLIF(current_setting('app.user_id', true), '')::uuid);

ALTER TABLE "users"."membership_roles" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "users"."membership_roles" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "users"."membership_roles"
    USING (organization_id = public.app_current_organization())
    WITH CHECK (organization_id = public.app_current_organization());

ALTER TABLE "users"."departments" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "users"."departments" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "users"."departments"
    USING (organization_id = public.app_current_organization())
    WITH CHECK (organization_id = public.app_current_organization());

ALTER TABLE "users"."invitations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "users"."invitations" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "users"."invitations"
    USING (organization_id = public.app_current_organization())
    WITH CHECK (organization_id = public.app_current_organization());
-- Accepting an invitation starts from its token, before the organization is known: a transaction
-- that declares the token's hash may read that one invitation (a hash nobody can guess).
CREATE POLICY invitation_token_read ON "users"."invitations" FOR SELECT
    USING (token_hash = NULLIF(current_setting('app.invitation_token_hash', true), ''));

GRANT SELECT, INSERT, UPDATE, DELETE ON
    "users"."roles", "users"."memberships", "users"."membership_roles", "users"."departments", "users"."invitations"
    TO erp_app;
GRANT SELECT, INSERT ON "users"."outbox" TO erp_app;
