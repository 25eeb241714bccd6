/**
 * Fiscal years from the organization's first month (`fiscalYearStartMonth`, 1 = January). A
 * fiscal year is named after the calendar year it starts in: with April as the first month,
 * fiscal year 2026 runs from 2026-04-01 to 2027-03-31. Dates are calendar dates (`YYYY-MM-DD`),
 * with no time zone.
 */

/** A fiscal year and its first and last days. */
export interface FiscalYear {
  fiscalYear: number;
  start: string;
  end: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The fiscal year that holds `date`.
 * @throws Error for a month outside 1..12 or a malformed date (both are validated before)
 */
export function fiscalYearOf(date: string, startMonth: number): FiscalYear {
  const [year, month] = parts(date);
  return fiscalYear(month >= checkedMonth(startMonth) ? year : year - 1, startMonth);
}

/**
 * Fiscal year `fiscalYear` (named after the calendar year it starts in) with its first and last days.
 * @throws Error for a month outside 1..12
 */
export function fiscalYear(fiscalYear: number, startMonth: number): FiscalYear {
  const start = isoDate(Date.UTC(fiscalYear, checkedMonth(startMonth) - 1, 1));
  const end = isoDate(Date.UTC(fiscalYear + 1, startMonth - 1, 0));
  return { fiscalYear, start, end };
}

/** The calendar day `days` after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = parts(date);
  return isoDate(Date.UTC(year, month - 1, day + days));
}

function parts(date: string): [number, number, number] {
  const match = DATE.exec(date);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function checkedMonth(month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new Error(`not a month (1..12): ${month}`);
  return month;
}

function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
