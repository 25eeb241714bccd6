-- Auth service: credentials, memberships, refresh-token families, signing keys, outbox.
-- Hand-written in lock-step with prisma/schema.prisma (src/schema-drift.test.ts proves it).

-- CreateEnum
CREATE TYPE "auth"."membership_status" AS ENUM ('active', 'deactivated');

-- CreateTable
-- Emails are stored lower-cased so that the plain unique index is case-insensitive; the CHECK
-- makes a caller that forgets to normalise fail instead of creating a look-alike account.
CREATE TABLE "auth"."users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "users_email_lower_case" CHECK ("email" = lower("email"))
);

-- CreateTable
CREATE TABLE "auth"."memberships" (
    "organization_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "roles" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "auth"."membership_status" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("organization_id", "user_id")
);

-- CreateTable
CREATE TABLE "auth"."refresh_tokens" (
    "id" UUID NOT NULL,
    "family_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "rotated_at" TIMESTAMPTZ(3),
    "replaced_by" UUID,
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_reason" TEXT,

    CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth"."signing_keys" (
    "kid" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "private_key_pem" TEXT NOT NULL,
    "public_jwk" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "signing_keys_pkey" PRIMARY KEY ("kid")
);

-- CreateTable (same DDL in every service, docs/platform-packages.md)
CREATE TABLE "auth"."outbox" (
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
CREATE UNIQUE INDEX "users_email_key" ON "auth"."users"("email");

-- CreateIndex
CREATE INDEX "memberships_user_id_idx" ON "auth"."memberships"("user_id");

-- CreateIndex
CREATE INDEX "refresh_tokens_family_id_idx" ON "auth"."refresh_tokens"("family_id");

-- CreateIndex
CREATE INDEX "refresh_tokens_user_id_idx" ON "auth"."refresh_tokens"("user_id");

-- CreateIndex
CREATE INDEX outbox_unpublished_idx ON "auth"."outbox" (sequence) WHERE published_at IS NULL;

-- AddForeignKey
ALTER TABLE "auth"."memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auth"."refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant isolation for memberships (fail closed when no organization is set).
ALTER TABLE "auth"."memberships" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "auth"."memberships" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "auth"."memberships"
    USING (organization_id = public.app_current_organization())
    WITH CHECK (organization_id = public.app_current_organization());
-- Login must list one user's memberships before an organization is chosen. Rather than
-- bypassing RLS, a transaction that declares the (already authenticated) user with
-- set_config('app.user_id', ..., true) may read that user's rows, and only read them.
CREATE POLICY member_self_read ON "auth"."memberships" FOR SELECT
    USING (user_id = NULLIF(current_setting('app.user_id', true), '')::uuid);

-- What the application role (erp_app) may do. Users, refresh tokens and signing keys are
-- identity infrastructure, not organization data: no RLS. The outbox is written by the service
-- and read by the relay.
GRANT SELECT, INSERT, UPDATE, DELETE ON
    "auth"."users", "auth"."memberships", "auth"."refresh_tokens", "auth"."signing_keys"
    TO erp_app;
GRANT SELECT, INSERT ON "auth"."outbox" TO erp_app;
