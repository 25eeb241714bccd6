/**
 * Opaque refresh tokens: `<row id>.<32 random bytes, base64url>`. The id prefix makes lookup a
 * primary-key read; only the SHA-256 of the whole token is stored, so a database leak yields no
 * usable tokens.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { uuidv7 } from "@erp/db";

const TOKEN_FORMAT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

export interface GeneratedRefreshToken {
  id: string;
  token: string;
  tokenHash: string;
}

export function hashRefreshToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function generateRefreshToken(): GeneratedRefreshToken {
  const id = uuidv7();
  const token = `${id}.${randomBytes(32).toString("base64url")}`;
  return { id, token, tokenHash: hashRefreshToken(token) };
}

/** The row id of a well-formed token, or null; says nothing about whether the token is valid. */
export function refreshTokenId(token: string): string | null {
  return TOKEN_FORMAT.exec(token)?.[1] ?? null;
}

export function refreshTokenMatches(token: string, storedHash: string): boolean {
  const actual = Buffer.from(hashRefreshToken(token), "hex");
  const expected = Buffer.from(storedHash, "hex");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
