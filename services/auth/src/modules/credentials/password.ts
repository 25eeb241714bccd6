/** Password policy and hashing (bcrypt). */
import { createHash, randomBytes } from "node:crypto";
import bcrypt from "bcrypt";
import { z } from "zod";

export const passwordSchema = z
  .string()
  .min(10, "Must be at least 10 characters")
  .max(128, "Must be at most 128 characters")
  .refine((password) => new Set(password).size > 1, "Must not be a single repeated character");

/**
 * bcrypt silently ignores everything after 72 bytes (and 128 characters can be 512 bytes), so
 * the password is first reduced to a fixed 44-character base64 SHA-256 digest; base64 also keeps
 * NUL bytes, which bcrypt treats as the end, out of its input. NFC makes the same password typed
 * on different keyboards hash alike.
 */
function prehash(password: string): string {
  return createHash("sha256").update(password.normalize("NFC"), "utf8").digest("base64");
}

export class PasswordHasher {
  private dummyHash?: Promise<string>;

  constructor(private readonly rounds: number) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(prehash(password), this.rounds);
  }

  verify(password: string, passwordHash: string): Promise<boolean> {
    return bcrypt.compare(prehash(password), passwordHash);
  }

  /**
   * Spends the same time as a real comparison when the email is unknown, so response times do
   * not tell which emails have an account. Always false.
   */
  async verifyAgainstDummy(password: string): Promise<false> {
    this.dummyHash ??= bcrypt.hash(randomBytes(16).toString("hex"), this.rounds);
    await bcrypt.compare(prehash(password), await this.dummyHash);
    return false;
  }
}
