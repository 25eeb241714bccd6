import { createRevokedSessions } from "./revoked-sessions";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("createRevokedSessions", () => {
  it("refuses a revoked session until its tokens expired, plus the clock tolerance, then forgets it", () => {
    const time = clock();
    const revoked = createRevokedSessions({ now: time.now, clockToleranceMs: 5_000 });
    revoked.revoke("s-1", time.now() + 60_000);
    expect(revoked.isRevoked("s-1")).toBe(true);
    expect(revoked.isRevoked("s-2")).toBe(false);

    time.advance(64_999);
    expect(revoked.isRevoked("s-1")).toBe(true);
    time.advance(1);
    expect(revoked.isRevoked("s-1")).toBe(false);
    expect(revoked.size).toBe(0);
  });

  it("ignores a revocation whose tokens have all expired already", () => {
    const time = clock();
    const revoked = createRevokedSessions({ now: time.now, clockToleranceMs: 0 });
    revoked.revoke("old", new Date(time.now() - 1));
    revoked.revoke("garbage", Number.NaN);
    expect(revoked.size).toBe(0);
  });

  it("keeps the later expiry when a session is revoked twice", () => {
    const time = clock();
    const revoked = createRevokedSessions({ now: time.now, clockToleranceMs: 0 });
    revoked.revoke("s", time.now() + 10_000);
    revoked.revoke("s", time.now() + 5_000);
    time.advance(7_000);
    expect(revoked.isRevoked("s")).toBe(true);
  });

  it("drops expired entries as new ones arrive, so the size follows the live revocations", () => {
    const time = clock();
    const revoked = createRevokedSessions({ now: time.now, clockToleranceMs: 0 });
    for (let i = 0; i < 1_000; i++) {
      revoked.revoke(`s-${i}`, time.now() + 1_000);
      time.advance(10);
    }
    // Ten seconds went by: only the 99 revocations of the last second (less than 1,000 ms ago) are live.
    expect(revoked.size).toBe(99);
  });

  it("never holds more than maxEntries, evicting those closest to expiry and saying so", () => {
    const time = clock();
    const evictions: number[] = [];
    const revoked = createRevokedSessions({ now: time.now, maxEntries: 3, onOverflow: (n) => evictions.push(n) });
    for (const id of ["a", "b", "c", "d"]) revoked.revoke(id, time.now() + 60_000);
    expect(revoked.size).toBe(3);
    expect(["a", "b", "c", "d"].map((id) => revoked.isRevoked(id))).toEqual([false, true, true, true]);
    expect(evictions).toEqual([1]);
  });

  it("refuses a bound that is not a positive integer", () => {
    expect(() => createRevokedSessions({ maxEntries: 0 })).toThrow("maxEntries");
  });
});
