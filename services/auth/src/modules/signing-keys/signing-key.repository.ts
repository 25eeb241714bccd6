/** ES256 signing keys (global, not organization-scoped). */
import type { Tx } from "../../database";
import type { Prisma, SigningKey } from "../../generated/prisma/client";

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

  create(tx: Tx, key: { kid: string; algorithm: string; privateKeyPem: string; publicJwk: Prisma.InputJsonObject }): Promise<SigningKey> {
    return tx.signingKey.create({ data: key });
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
