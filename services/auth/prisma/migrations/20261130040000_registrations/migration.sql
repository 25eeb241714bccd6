-- Registrations in flight (the registration saga's log). A row is written and committed before
-- tenant creates the organization, and deleted in the transaction that writes the user, so it
-- outlives only a registration that crashed (or failed and could not be undone): for instance
-- after tenant activated the organization but before auth committed, which leaves an active
-- organization without an owner. The reconciler (src/modules/registration/
-- reconcile-registrations.ts) completes or compensates each such row. It holds what completing
-- needs (the password hash, as the users table does) and nothing once the registration is over.
CREATE TABLE "auth"."registrations" (
    "organization_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "registrations_pkey" PRIMARY KEY ("organization_id"),
    CONSTRAINT "registrations_email_lower_case" CHECK ("email" = lower("email"))
);

CREATE INDEX "registrations_created_at_idx" ON "auth"."registrations"("created_at");

-- Like users and refresh tokens, identity infrastructure read before any organization is chosen
-- (the reconciler lists every organization's rows): no RLS.
GRANT SELECT, INSERT, UPDATE, DELETE ON "auth"."registrations" TO erp_app;
