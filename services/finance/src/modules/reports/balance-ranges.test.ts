import fc from "fast-check";
import { addDays } from "../periods/fiscal-year";
import { balanceRanges, lastOfMonth } from "./balance-ranges";

describe("balance ranges", () => {
  it("reads whole months from the monthly balances and the rest from the daily ones", () => {
    expect(balanceRanges("2026-01-15", "2026-04-10")).toEqual({
      months: { first: "2026-02", last: "2026-03" },
      days: [
        { from: "2026-01-15", to: "2026-01-31" },
        { from: "2026-04-01", to: "2026-04-10" },
      ],
    });
  });

  it("reads only months when the range starts on a first and ends on a last day", () => {
    expect(balanceRanges("2026-04-01", "2027-03-31")).toEqual({ months: { first: "2026-04", last: "2027-03" }, days: [] });
  });

  it("reads only days within one month", () => {
    expect(balanceRanges("2026-02-03", "2026-02-20")).toEqual({ months: null, days: [{ from: "2026-02-03", to: "2026-02-20" }] });
    expect(balanceRanges("2026-02-03", "2026-02-28")).toEqual({ months: null, days: [{ from: "2026-02-03", to: "2026-02-28" }] });
    expect(balanceRanges("2026-02-01", "2026-02-27")).toEqual({ months: null, days: [{ from: "2026-02-01", to: "2026-02-27" }] });
  });

  it("reads adjacent partial months as days only", () => {
    expect(balanceRanges("2026-01-31", "2026-02-01")).toEqual({
      months: null,
      days: [
        { from: "2026-01-31", to: "2026-01-31" },
        { from: "2026-02-01", to: "2026-02-01" },
      ],
    });
  });

  it("reads everything before a date from the beginning", () => {
    expect(balanceRanges(null, "2026-03-14")).toEqual({ months: { first: null, last: "2026-02" }, days: [{ from: "2026-03-01", to: "2026-03-14" }] });
    expect(balanceRanges(null, "2026-03-31")).toEqual({ months: { first: null, last: "2026-03" }, days: [] });
  });

  it("is empty when the range ends before it starts", () => {
    expect(balanceRanges("2026-03-02", "2026-03-01")).toEqual({ months: null, days: [] });
  });

  it("knows the last day of each month", () => {
    expect(["2026-01-09", "2028-02-01", "2026-02-11", "2026-04-30", "2026-12-01"].map(lastOfMonth)).toEqual([
      "2026-01-31",
      "2028-02-29",
      "2026-02-28",
      "2026-04-30",
      "2026-12-31",
    ]);
  });

  it("covers every day of the range exactly once", () => {
    const day = fc.integer({ min: 0, max: 900 }).map((offset) => addDays("2025-11-01", offset));
    fc.assert(
      fc.property(fc.option(day, { nil: null }), day, (from, to) => {
        const { months, days } = balanceRanges(from, to);
        const covered: string[] = days.flatMap((run) => daysBetween(run.from, run.to));
        if (months) {
          for (let date = months.first ? `${months.first}-01` : "2025-11-01"; date.slice(0, 7) <= months.last; date = addDays(date, 1)) covered.push(date);
        }
        const expected = from === null || from <= to ? daysBetween(from ?? "2025-11-01", to) : [];
        expect(covered.sort()).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) days.push(date);
  return days;
}
