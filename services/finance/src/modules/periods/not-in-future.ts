/**
 * One rule for dates that change a document now: a payment's date, an allocation's, a void's, a
 * credit note's. Such a date cannot be later than today, or the document would say "paid" or
 * "void" today while the books (and the aging read from them) only say so on that later date.
 * Issue dates of invoices and bills stay free: a document issued ahead is open in both from then.
 *
 * "Today" is the server's UTC date plus one day of tolerance (@erp/dates latestToday), so a user
 * in UTC+14 is never refused their own today.
 */
import { latestToday } from "@erp/dates";
import { dateInFuture } from "./period.errors";

/** The OpenAPI wording of the rule, for the descriptions of the fields it applies to. */
export const NOT_IN_FUTURE_RULE = "Not later than today (the server's UTC date plus one day, so every time zone's today is accepted): 422 DATE_IN_FUTURE";

/**
 * Refuses `date` when it is later than today. `orOn` is a later date the operation may still take
 * (e.g. the issue date of a document issued ahead, the earliest date its void can have).
 * @throws AppError 422 DATE_IN_FUTURE, its detail on `path`
 */
export function assertNotInFuture(date: string, path: string, orOn?: string): void {
  const latest = [latestToday(), orOn ?? ""].sort().at(-1)!;
  if (date > latest) throw dateInFuture(date, latest, path);
}
