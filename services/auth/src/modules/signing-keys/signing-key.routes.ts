import { z } from "zod";
import type { Route } from "../../route";
import { reEncryptSigningKeys, rotateSigningKey } from "./rotate-signing-key";
import type { SigningKeyStore } from "./signing-key-store";

/** Verifiers refetch on an unknown kid anyway; a short max-age bounds how long a stale set lives. */
const JWKS_CACHE_CONTROL = "public, max-age=60";

export function registerSigningKeyRoutes(route: Route, deps: { signingKeys: SigningKeyStore }): void {
  route({
    method: "get",
    path: "/.well-known/jwks.json",
    summary: "Public keys that verify access tokens (JWK Set, RFC 7517)",
    description: "Sent as a plain JWK Set `{keys: [...]}`, not wrapped in `data`, as JWKS clients expect.",
    tags: ["Keys"],
    access: { public: true },
    responses: { 200: { description: "The current key and retired keys whose tokens may still be valid" } },
    handler: async (ctx) => {
      const keys = await deps.signingKeys.publishedJwks();
      ctx.res.set("Cache-Control", JWKS_CACHE_CONTROL).json({ keys });
    },
  });

  route({
    method: "post",
    path: "/signing-keys/rotate",
    internal: true,
    summary: "Make a new signing key; the previous one stays published until its tokens expire",
    tags: ["Keys (internal)"],
    access: { internal: true },
    responses: {
      200: {
        description: "The new key",
        schema: z.object({ kid: z.string(), previousKeyPublishedUntil: z.iso.datetime() }),
      },
    },
    handler: () => rotateSigningKey(deps),
  });
  route({
    method: "post",
    path: "/signing-keys/re-encrypt",
    internal: true,
    summary: "Wrap every private signing key with SIGNING_KEY_ENCRYPTION_KEY (key-encryption-key rotation; also done at start)",
    tags: ["Keys (internal)"],
    access: { internal: true },
    responses: {
      200: {
        description: "What changed; afterwards the previous key-encryption key is no longer needed",
        schema: z.object({
          encrypted: z.number().int().describe("Keys that were stored plain"),
          reWrapped: z.number().int().describe("Keys that were wrapped by a previous key-encryption key"),
          keyEncryptionKeyId: z.string().describe("The id of SIGNING_KEY_ENCRYPTION_KEY, which now wraps every key"),
        }),
      },
    },
    handler: () => reEncryptSigningKeys(deps),
  });
}
