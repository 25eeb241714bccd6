/** Global identities (not organization-scoped). Emails are always passed lower-cased. */
import type { Tx } from "../../database";
import type { User } from "../../generated/prisma/client";

export const userRepository = {
  findByEmail(tx: Tx, email: string): Promise<User | null> {
    return tx.user.findUnique({ where: { email } });
  },

  findById(tx: Tx, id: string): Promise<User | null> {
    return tx.user.findUnique({ where: { id } });
  },

  create(tx: Tx, user: { id: string; email: string; name: string; passwordHash: string }): Promise<User> {
    return tx.user.create({ data: user });
  },
};

/** The one canonical form of an email: what the unique index and the CHECK constraint expect. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
