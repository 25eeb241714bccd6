/** Accept tokens: 32 random bytes shown once to the inviter, stored only as their SHA-256. */
import { createHash, randomBytes } from "node:crypto";

/** A new token, base64url (43 characters). */
export const newInvitationToken = (): string => randomBytes(32).toString("base64url");

/** What is stored and looked up: the token's SHA-256, hex. */
export const hashInvitationToken = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");
