-- Private signing keys are stored encrypted (AES-256-GCM envelope; src/modules/signing-keys/
-- key-encryption.ts): the PEM under a per-key data key, the data key wrapped by the
-- key-encryption key (KEK) from SIGNING_KEY_ENCRYPTION_KEY, named by its id so that the previous
-- KEK can still decrypt during a rotation. The KEK never reaches the database, so SQL cannot
-- encrypt: the rows this migration leaves plain are encrypted by the service when it starts
-- (SigningKeyStore.ensureCurrentKey, before it serves), and the CHECK makes a row hold its private
-- key one way or the other, never both and never neither.
ALTER TABLE "auth"."signing_keys" ALTER COLUMN "private_key_pem" DROP NOT NULL;
ALTER TABLE "auth"."signing_keys"
    ADD COLUMN "encrypted_private_key" TEXT,
    ADD COLUMN "wrapped_data_key" TEXT,
    ADD COLUMN "key_encryption_key_id" TEXT;
ALTER TABLE "auth"."signing_keys" ADD CONSTRAINT "signing_keys_private_key_stored_once" CHECK (
    ("private_key_pem" IS NULL AND "encrypted_private_key" IS NOT NULL AND "wrapped_data_key" IS NOT NULL AND "key_encryption_key_id" IS NOT NULL)
    OR ("private_key_pem" IS NOT NULL AND "encrypted_private_key" IS NULL AND "wrapped_data_key" IS NULL AND "key_encryption_key_id" IS NULL)
);
