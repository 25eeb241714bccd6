/**
 * Private signing keys at rest: encrypted under SIGNING_KEY_ENCRYPTION_KEY, plain rows from
 * before encryption converted at start, and a rotation of the key-encryption key in which the
 * previous key keeps decrypting until every key is re-wrapped.
 */
import { generateKeyPairSync } from "node:crypto";
import { createTokenVerifier } from "@erp/auth-kit";
import { dropTestDatabases, testConfigEnv } from "@erp/testkit";
import {
  registerUser,
  startAuth,
  startFakeTenant,
  TEST_SIGNING_KEY_ENCRYPTION_KEY,
  type AuthHarness,
  type FakeTenant,
} from "../../../test/harness";
import { generateKeyEncryptionKey, parseKeyEncryptionKey } from "./key-encryption";

const INTERNAL_KEY = testConfigEnv().INTERNAL_API_KEY;
let tenant: FakeTenant;
let h: AuthHarness;

beforeAll(async () => {
  tenant = await startFakeTenant();
  h = await startAuth({ tenantUrl: tenant.url });
});

afterAll(async () => {
  await h.close();
  await tenant.close();
  await dropTestDatabases();
});

const kidOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()).kid as string;
const keyRows = async (sql: AuthHarness["sql"]) => (await sql.query("select * from auth.signing_keys order by created_at")).rows;
const login = (harness: AuthHarness, user: { email: string; password: string }) =>
  harness.http().post("/api/v1/auth/login").send({ email: user.email, password: user.password });
const verify = (harness: AuthHarness, token: string) =>
  createTokenVerifier({ jwksUrl: `${harness.auth.url}/api/v1/auth/.well-known/jwks.json`, issuer: "erp-auth", audience: "erp-api" }).verify(token);

describe("private signing keys at rest", () => {
  it("are stored only encrypted, under the configured key-encryption key", async () => {
    await registerUser(h.http);
    const rows = await keyRows(h.sql);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatchObject({
        private_key_pem: null,
        encrypted_private_key: expect.stringMatching(/^v1\./),
        wrapped_data_key: expect.stringMatching(/^v1\./),
        key_encryption_key_id: parseKeyEncryptionKey(TEST_SIGNING_KEY_ENCRYPTION_KEY).id,
      });
      expect(JSON.stringify(row)).not.toContain("PRIVATE KEY");
    }
  });

  it("a key stored plain before encryption is encrypted at the next start and keeps signing", async () => {
    const user = await registerUser(h.http);
    // What the table held before the encryption migration: the current key as plain PEM.
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const kid = `legacy-${Date.now()}`;
    const publicJwk = { ...publicKey.export({ format: "jwk" }), kid, alg: "ES256", use: "sig" };
    await h.sql.query("update auth.signing_keys set expires_at = now() + interval '1 hour' where expires_at is null");
    await h.sql.query("insert into auth.signing_keys (kid, algorithm, private_key_pem, public_jwk) values ($1, 'ES256', $2, $3)", [
      kid,
      privateKey.export({ type: "pkcs8", format: "pem" }),
      publicJwk,
    ]);

    const restarted = await startAuth({ tenantUrl: tenant.url, databaseUrl: h.databaseUrl });
    try {
      const [row] = (await h.sql.query("select * from auth.signing_keys where kid = $1", [kid])).rows;
      expect(row).toMatchObject({ private_key_pem: null, encrypted_private_key: expect.any(String), wrapped_data_key: expect.any(String) });
      const res = await login(restarted, user);
      expect(res.status).toBe(200);
      expect(kidOf(res.body.data.tokens.accessToken)).toBe(kid);
      await expect(verify(restarted, res.body.data.tokens.accessToken)).resolves.toMatchObject({ userId: user.userId });
    } finally {
      await restarted.close();
    }
  });
});

describe("rotating the key-encryption key", () => {
  it("the previous key decrypts until every key is re-wrapped with the new one; then the new key alone suffices", async () => {
    const oldKey = generateKeyEncryptionKey();
    const newKey = generateKeyEncryptionKey();
    const before = await startAuth({ tenantUrl: tenant.url, env: { SIGNING_KEY_ENCRYPTION_KEY: oldKey } });
    const { databaseUrl } = before;
    const user = await registerUser(before.http);
    const instances: AuthHarness[] = [before];
    try {
      // Step 1 (README): the new key becomes current, the old one moves to ..._PREVIOUS. A start re-wraps everything.
      const rotating = await startAuth({
        tenantUrl: tenant.url,
        databaseUrl,
        env: { SIGNING_KEY_ENCRYPTION_KEY: newKey, SIGNING_KEY_ENCRYPTION_KEY_PREVIOUS: oldKey },
      });
      instances.push(rotating);
      const newId = parseKeyEncryptionKey(newKey).id;
      expect((await keyRows(before.sql)).map((row) => row.key_encryption_key_id)).toEqual((await keyRows(before.sql)).map(() => newId));

      // An instance not yet restarted still writes with the old key: the rotating one decrypts it.
      const rotated = await before.http().post("/internal/signing-keys/rotate").set("authorization", `Bearer ${INTERNAL_KEY}`);
      expect(rotated.status).toBe(200);
      const signed = await login(rotating, user);
      expect(signed.status).toBe(200);
      expect(kidOf(signed.body.data.tokens.accessToken)).toBe(rotated.body.data.kid);

      // Step 2: re-encrypt (also what every start does); nothing is left under the old key.
      const reEncrypt = () => rotating.http().post("/internal/signing-keys/re-encrypt").set("authorization", `Bearer ${INTERNAL_KEY}`);
      expect((await rotating.http().post("/internal/signing-keys/re-encrypt")).status).toBe(401);
      const res = await reEncrypt();
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ encrypted: 0, reWrapped: 1, keyEncryptionKeyId: newId });
      expect((await reEncrypt()).body.data).toEqual({ encrypted: 0, reWrapped: 0, keyEncryptionKeyId: newId });
      expect(new Set((await keyRows(before.sql)).map((row) => row.key_encryption_key_id))).toEqual(new Set([newId]));

      // Step 3: the old key can go. The new key alone signs and verifies; the old key alone cannot start.
      const after = await startAuth({ tenantUrl: tenant.url, databaseUrl, env: { SIGNING_KEY_ENCRYPTION_KEY: newKey } });
      instances.push(after);
      const fresh = await login(after, user);
      expect(fresh.status).toBe(200);
      await expect(verify(after, fresh.body.data.tokens.accessToken)).resolves.toMatchObject({ userId: user.userId });
      await expect(startAuth({ tenantUrl: tenant.url, databaseUrl, env: { SIGNING_KEY_ENCRYPTION_KEY: oldKey } })).rejects.toThrow(
        /SIGNING_KEY_ENCRYPTION_KEY_PREVIOUS/,
      );
    } finally {
      for (const instance of instances.reverse()) await instance.close();
    }
  });
});
