import { generateKeyPairSync, randomBytes } from "node:crypto";
import { generateKeyEncryptionKey, parseKeyEncryptionKey, SigningKeyDecryptionError, SigningKeyEncryption } from "./key-encryption";

const pem = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const kek = () => parseKeyEncryptionKey(generateKeyEncryptionKey());

describe("parseKeyEncryptionKey", () => {
  it("takes 32 bytes as hex, base64 or base64url, and gives the same key the same id", () => {
    const bytes = randomBytes(32);
    const forms = [bytes.toString("hex"), bytes.toString("base64"), bytes.toString("base64url"), ` ${bytes.toString("base64")}\n`];
    const parsed = forms.map(parseKeyEncryptionKey);
    for (const key of parsed) expect(key).toEqual({ id: parsed[0]!.id, key: bytes });
    expect(parsed[0]!.id).toMatch(/^kek-[0-9a-f]{16}$/);
    expect(kek().id).not.toBe(parsed[0]!.id);
  });

  it("refuses anything but 32 bytes, without repeating the value", () => {
    for (const value of [randomBytes(16).toString("base64"), randomBytes(33).toString("hex"), "correct horse battery staple", ""]) {
      let message = "";
      try {
        parseKeyEncryptionKey(value);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/32 bytes/);
      if (value) expect(message).not.toContain(value);
    }
  });
});

describe("SigningKeyEncryption", () => {
  it("round-trips a private key, and what it stores reveals nothing of it", () => {
    const encryption = new SigningKeyEncryption(kek());
    const stored = encryption.encrypt("kid-1", pem);
    expect(encryption.decrypt("kid-1", stored)).toBe(pem);
    const body = pem.split("\n").slice(1, -2).join("");
    expect(JSON.stringify(stored)).not.toContain(body.slice(0, 16));
    expect(JSON.stringify(stored)).not.toContain("PRIVATE KEY");
    // A fresh data key and IV each time: the same key encrypts differently.
    expect(encryption.encrypt("kid-1", pem).encryptedPrivateKey).not.toBe(stored.encryptedPrivateKey);
  });

  it("refuses a ciphertext moved to another key's row, or altered", () => {
    const encryption = new SigningKeyEncryption(kek());
    const stored = encryption.encrypt("kid-1", pem);
    expect(() => encryption.decrypt("kid-2", stored)).toThrow(SigningKeyDecryptionError);
    const [format, iv, tag, ciphertext] = stored.encryptedPrivateKey.split(".");
    // The second-to-last character (the last may hold only padding bits), replaced by another one:
    // choosing by the last character left it unchanged when it was already "A" (1 run in 64).
    const replaced = ciphertext!.at(-2) === "A" ? "B" : "A";
    const flipped = `${format}.${iv}.${tag}.${ciphertext!.slice(0, -2)}${replaced}${ciphertext!.slice(-1)}`;
    expect(flipped).not.toBe(stored.encryptedPrivateKey);
    expect(() => encryption.decrypt("kid-1", { ...stored, encryptedPrivateKey: flipped })).toThrow(SigningKeyDecryptionError);
  });

  it("during a rotation the previous key still decrypts; re-wrapping moves a key to the current one", () => {
    const old = kek();
    const next = kek();
    const stored = new SigningKeyEncryption(old).encrypt("kid-1", pem);

    const rotating = new SigningKeyEncryption(next, [old]);
    expect(rotating.needsRewrap(stored)).toBe(true);
    expect(rotating.decrypt("kid-1", stored)).toBe(pem);
    const rewrapped = rotating.rewrap("kid-1", stored);
    expect(rewrapped).toMatchObject({ keyEncryptionKeyId: next.id, encryptedPrivateKey: stored.encryptedPrivateKey });
    expect(rotating.needsRewrap(rewrapped)).toBe(false);

    // Once re-wrapped, the new key alone decrypts it and the old one alone does not.
    expect(new SigningKeyEncryption(next).decrypt("kid-1", rewrapped)).toBe(pem);
    expect(() => new SigningKeyEncryption(old).decrypt("kid-1", rewrapped)).toThrow(/SIGNING_KEY_ENCRYPTION_KEY_PREVIOUS/);
  });

  it("refuses a data key re-labelled with another key-encryption key's id", () => {
    const a = kek();
    const b = kek();
    const stored = new SigningKeyEncryption(a).encrypt("kid-1", pem);
    expect(() => new SigningKeyEncryption(b, [a]).decrypt("kid-1", { ...stored, keyEncryptionKeyId: b.id })).toThrow(SigningKeyDecryptionError);
  });
});
