/**
 * "Today" for dates that must not be in the future (a payment, a void, an allocation: dates the
 * books act on now). The server's clock is UTC, its users are not: a user in UTC+14 is one day
 * ahead of UTC for part of the day, so the latest allowed date is the UTC date plus one day, and
 * nobody is refused their own today.
 */

/** Days the latest allowed date runs ahead of the server's UTC date. */
export const TODAY_TOLERANCE_DAYS = 1;

/** The latest date (`YYYY-MM-DD`) anyone's today can be at `now`: the UTC date plus TODAY_TOLERANCE_DAYS. */
export function latestToday(now: Date = new Date()): string {
  return new Date(now.getTime() + TODAY_TOLERANCE_DAYS * 86_400_000).toISOString().slice(0, 10);
}

/** True when `date` (`YYYY-MM-DD`) is not after today somewhere on Earth at `now` (see latestToday). */
export function notAfterToday(date: string, now: Date = new Date()): boolean {
  return date <= latestToday(now);
}
