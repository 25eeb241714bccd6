/**
 * Calendar dates as the API takes them (API.md: `YYYY-MM-DD`), one rule for every service. No
 * Express, no Prisma: schemas, use cases and event definitions may all use it.
 *
 * The range is 1900-01-01 to 9999-12-31: four-digit years, as document numbers carry them
 * (`JE-2026-000001`), and nothing a business records before 1900. `0001-01-01` was accepted
 * everywhere, and posted a journal entry in fiscal year 0.
 */
import { z } from "zod";

/** The first date the API accepts. */
export const MIN_DATE = "1900-01-01";
/** The last date the API accepts. */
export const MAX_DATE = "9999-12-31";

const FORM = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for `YYYY-MM-DD` naming a day that exists (2028-02-29 yes, 2026-02-29 no) within MIN_DATE..MAX_DATE. */
export function isCalendarDate(value: string): boolean {
  return dateProblem(value) === undefined;
}

function dateProblem(value: string): string | undefined {
  const match = FORM.exec(value);
  if (!match) return 'Must be a date as YYYY-MM-DD, e.g. "2026-03-31"';
  if (value < MIN_DATE || value > MAX_DATE) return `Must be between ${MIN_DATE} and ${MAX_DATE}`;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over to March: a day that does not exist comes back different.
  if (month < 1 || month > 12 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return `Not a calendar date: ${value} does not exist`;
  }
  return undefined;
}

/**
 * A zod schema for a calendar date `YYYY-MM-DD` (a string, as in JSON and query parameters): a day
 * that exists, from 1900-01-01 to 9999-12-31. One message per invalid value: the form, the day
 * that does not exist, or the range. Documented in OpenAPI as `format: date`.
 */
export const dateString = z
  .string()
  .superRefine((value, ctx) => {
    const message = dateProblem(value);
    if (message) ctx.addIssue({ code: "custom", message });
  })
  .meta({ format: "date", example: "2026-03-31" });
