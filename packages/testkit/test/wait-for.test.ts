import { waitFor } from "../src";

describe("waitFor", () => {
  it("resolves with the first truthy value the probe returns, sync or async", async () => {
    let calls = 0;
    await expect(waitFor(() => ++calls >= 3, { intervalMs: 1 })).resolves.toBe(true);
    expect(calls).toBe(3);
    let reads = 0;
    await expect(waitFor(async () => (++reads === 2 ? { id: "a" } : undefined), { intervalMs: 1 })).resolves.toEqual({ id: "a" });
  });

  it("fails past the deadline, naming what it waited for", async () => {
    const started = Date.now();
    await expect(waitFor(() => false, { timeoutMs: 50, intervalMs: 5, what: "the event handled" })).rejects.toThrow(
      "timed out after 50 ms waiting for the event handled",
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
  });

  it("passes a probe's error through at once instead of retrying it", async () => {
    let calls = 0;
    const failing = () => {
      calls += 1;
      throw new Error("connection refused");
    };
    await expect(waitFor(failing, { timeoutMs: 1_000 })).rejects.toThrow("connection refused");
    expect(calls).toBe(1);
  });
});
