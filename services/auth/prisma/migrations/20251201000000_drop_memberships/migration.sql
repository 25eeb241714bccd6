-- Memberships moved to the users service (schema "users"), which owns memberships, roles and
-- their permissions; auth asks it at login and refresh. Auth keeps global identities, refresh
-- tokens and signing keys.
DROP TABLE "auth"."memberships";
DROP TYPE "auth"."membership_status";
