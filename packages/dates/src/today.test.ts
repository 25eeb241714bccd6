import { latestToday, notAfterToday } from "./index";

describe("notAfterToday", () => {
  const now = new Date("2026-11-30T05:00:00Z");

  it("allows the UTC date and one day ahead (a user in UTC+14 is never refused their own today)", () => {
    expect(latestToday(now)).toBe("2026-12-01");
    expect(notAfterToday("2026-11-30", now)).toBe(true);
    expect(notAfterToday("2026-12-01", now)).toBe(true);
    expect(notAfterToday("2020-01-01", now)).toBe(true);
  });

  it("refuses dates beyond that", () => {
    expect(notAfterToday("2026-12-02", now)).toBe(false);
    expect(notAfterToday("2099-01-01", now)).toBe(false);
  });

  it("rolls over month and year ends", () => {
    expect(latestToday(new Date("2026-12-31T23:59:59Z"))).toBe("2027-01-01");
  });
});
