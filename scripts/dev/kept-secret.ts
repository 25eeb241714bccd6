// Secrets `npm start` makes up when the environment does not set them and that must survive a
// restart (unlike INTERNAL_API_KEY, which may change per start): kept in a file only the user can read.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * The secret kept in `file`, created as 32 random bytes (base64) with mode 0600 when the file does
 * not exist yet. Losing the file loses what the secret protects (for the signing keys' key-
 * encryption key: the signing keys, so every issued token; users sign in again).
 */
export function keptSecret(file: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("base64");
  try {
    // `wx`: if another launcher created it meanwhile, theirs wins and is read below.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return readFileSync(file, "utf8").trim();
  }
}
