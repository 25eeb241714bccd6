/**
 * How a range of dates is read from the maintained balances: whole months from the monthly
 * balances, the days of a month the range covers only in part from the daily balances. A range
 * of any length reads at most two partial months of days plus its whole months, never its lines.
 */
import { addDays } from "../periods/fiscal-year";

export interface BalanceRanges {
  /** Whole months, `YYYY-MM` through `YYYY-MM` (first null: from the beginning); null: none. */
  months: { first: string | null; last: string } | null;
  /** Runs of days (inclusive `YYYY-MM-DD` bounds) outside the whole months. */
  days: { from: string; to: string }[];
}

/**
 * The months and days that make up `from`..`to` (inclusive; `from` null means since the first
 * posting). Empty when `to` is before `from`.
 */
export function balanceRanges(from: string | null, to: string): BalanceRanges {
  if (from !== null && to < from) return { months: null, days: [] };
  const days: { from: string; to: string }[] = [];
  // The first whole month and the last, as first days.
  let firstWhole: string | null = null;
  if (from !== null) {
    firstWhole = firstOfMonth(from);
    if (from !== firstWhole) {
      const headEnd = lastOfMonth(from) < to ? lastOfMonth(from) : to;
      days.push({ from, to: headEnd });
      firstWhole = addDays(lastOfMonth(from), 1);
    }
  }
  let lastWhole = firstOfMonth(to);
  if (to !== lastOfMonth(to)) {
    const tailStart = firstOfMonth(to);
    if (firstWhole === null || tailStart >= firstWhole) days.push({ from: tailStart, to });
    lastWhole = firstOfMonth(addDays(tailStart, -1));
  }
  const months = firstWhole === null || firstWhole <= lastWhole ? { first: firstWhole && firstWhole.slice(0, 7), last: lastWhole.slice(0, 7) } : null;
  return { months, days };
}

/** `2026-03-17` → `2026-03-01`. */
export function firstOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** `2026-02-17` → `2026-02-28`. */
export function lastOfMonth(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}
