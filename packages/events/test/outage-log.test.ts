import { OutageLog } from "../src/outage-log";

test("an outage is one warning line per window with the attempts since the last line, and one line when it ends", () => {
  const lines: { level: string; message: string; meta?: Record<string, unknown> }[] = [];
  const logger = {
    info: (message: string, meta?: Record<string, unknown>) => lines.push({ level: "info", message, meta }),
    warn: (message: string, meta?: Record<string, unknown>) => lines.push({ level: "warn", message, meta }),
    error: (message: string, meta?: Record<string, unknown>) => lines.push({ level: "error", message, meta }),
  };
  let now = 1_000;
  const outage = new OutageLog(logger, 30_000, () => now);

  for (let attempt = 0; attempt < 10; attempt++, now += 2_000) outage.failure("broker unreachable", "ECONNREFUSED");
  expect(lines).toEqual([{ level: "warn", message: "broker unreachable", meta: { error: "ECONNREFUSED", attempts: 1, failingForMs: 0 } }]);
  expect(outage.outage).toMatchObject({ attempts: 10, error: "ECONNREFUSED" });

  now = 31_000; // the window since the first line is over
  outage.failure("broker unreachable", "ETIMEDOUT");
  expect(lines.at(-1)).toEqual({ level: "warn", message: "broker unreachable", meta: { error: "ETIMEDOUT", attempts: 10, failingForMs: 30_000 } });

  outage.recovered("broker back");
  outage.recovered("broker back");
  expect(lines.slice(2)).toEqual([{ level: "info", message: "broker back", meta: { attempts: 11, downForMs: 30_000 } }]);
  expect(outage.outage).toBeUndefined();

  // The next outage starts over with a line at once.
  outage.failure("broker unreachable", "ECONNREFUSED");
  expect(lines).toHaveLength(4);
});
