import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { keptSecret } from "./kept-secret";

describe("keptSecret", () => {
  const dir = mkdtempSync(join(tmpdir(), "kept-secret-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("makes up 32 random bytes once, readable by the owner only, and returns the same on every later start", () => {
    const file = join(dir, "nested", "signing-key-encryption.key");
    const first = keptSecret(file);
    expect(Buffer.from(first, "base64")).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(keptSecret(file)).toBe(first);
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(keptSecret(join(dir, "another.key"))).not.toBe(first);
  });
});
