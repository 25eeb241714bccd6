/** ES256 signing keys (global, not organization-scoped). */
import type { Tx } from "../../database";
import type { Prisma, SigningKey } from "../../generated/prisma/client";
import type { EncryptedPrivateKey } from "./key-encryption";

/** A transaction-scoped advisory lock so two instances never create or rotate keys at once. */
const KEY_LOCK_ID = 7_206_114_001;

const published = (now: Date): Prisma.SigningKeyWhereInput => ({ OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] });

export const signingKeyRepository = {
  async lock(tx: Tx): Promise<void> {
    await tx.$executeRaw`select pg_advisory_xact_lock(${KEY_LOCK_ID}::bigint)`;
  },

  /** The key that signs: the newest one not yet retired. */
  findCurrent(tx: Tx): Promise<SigningKey | null> {
    return tx.signingKey.findFirst({ where: { expiresAt: null }, orderBy: { createdAt: "desc" } });
  },

  findPublished(tx: Tx, kid: string, now = new Date()): Promise<SigningKey | null> {
    return tx.signingKey.findFirst({ where: { kid, ...published(now) } });
  },

  listPublished(tx: Tx, now = new Date()): Promise<SigningKey[]> {
    return tx.signingKey.findMany({ where: published(now), orderBy: { createdAt: "desc" } });
  },

  create(tx: Tx, key: { kid: string; algorithm: string; publicJwk: Prisma.InputJsonObject } & EncryptedPrivateKey): Promise<SigningKey> {
    return tx.signingKey.create({ data: key });
  },

  /** Rows written before private keys were encrypted (the start-up conversion empties this). */
  listPlain(tx: Tx): Promise<SigningKey[]> {
    return tx.signingKey.findMany({ where: { privateKeyPem: { not: null } } });
  },

  /** Rows whose data key is wrapped by another key-encryption key than `keyEncryptionKeyId`. */
  listWrappedByOtherThan(tx: Tx, keyEncryptionKeyId: string): Promise<SigningKey[]> {
    return tx.signingKey.findMany({ where: { keyEncryptionKeyId: { not: keyEncryptionKeyId } } });
  },

  /** Stores the row's private key encrypted, and only encrypted. */
  async storeEncrypted(tx: Tx, kid: string, encrypted: EncryptedPrivateKey): Promise<void> {
    await tx.signingKey.update({ where: { kid }, data: { privateKeyPem: null, ...encrypted } });
  },

  /** Stops the current key(s) signing; they stay published until `expiresAt`. */
  async retireCurrent(tx: Tx, expiresAt: Date): Promise<void> {
    await tx.signingKey.updateMany({ where: { expiresAt: null }, data: { expiresAt } });
  },

  /** Keys past their publication window can no longer verify anything: drop the private keys. */
  async deleteExpired(tx: Tx, now = new Date()): Promise<void> {
    await tx.signingKey.deleteMany({ where: { expiresAt: { lte: now } } });
  },
};
