/** The periods module's errors: the lock date and the year-end close. */
import { invalidState, unprocessable } from "@erp/errors";

export const PERIOD_LOCKED = "PERIOD_LOCKED";
export const LOCK_NOT_FORWARD = "LOCK_NOT_FORWARD";
export const LOCK_IN_FUTURE = "LOCK_IN_FUTURE";
export const UNLOCK_NOT_BACKWARD = "UNLOCK_NOT_BACKWARD";
export const FISCAL_YEAR_CLOSED = "FISCAL_YEAR_CLOSED";
export const FISCAL_YEAR_NOT_ENDED = "FISCAL_YEAR_NOT_ENDED";
export const NOTHING_TO_CLOSE = "NOTHING_TO_CLOSE";
export const RETAINED_EARNINGS_ACCOUNT_REQUIRED = "RETAINED_EARNINGS_ACCOUNT_REQUIRED";

/**
 * 422 PERIOD_LOCKED: `date` is on or before the lock date, where nothing is posted or reversed.
 * `path` is the request field that holds the date.
 */
export const periodLocked = (date: string, lockedThrough: string, path = "date") =>
  unprocessable(PERIOD_LOCKED, `The books are locked through ${lockedThrough}: nothing can be posted on ${date}`, [
    { path, message: `Must be after the lock date ${lockedThrough}` },
  ]);

/** 422 LOCK_NOT_FORWARD: a lock only moves the date forward; moving it back is an unlock. */
export const lockNotForward = (lockedThrough: string) =>
  unprocessable(LOCK_NOT_FORWARD, `The books are already locked through ${lockedThrough}; a lock only moves the date forward`, [
    { path: "lockedThrough", message: `Must be after ${lockedThrough}` },
  ]);

/** 422 LOCK_IN_FUTURE: a day that has not come yet cannot be closed. */
export const lockInFuture = (today: string) =>
  unprocessable(LOCK_IN_FUTURE, "The lock date cannot be in the future", [{ path: "lockedThrough", message: `Must be on or before ${today}` }]);

/** 422 UNLOCK_NOT_BACKWARD: an unlock moves the date back (or lifts it: null). */
export const unlockNotBackward = (lockedThrough: string) =>
  unprocessable(UNLOCK_NOT_BACKWARD, `An unlock moves the lock date back from ${lockedThrough}`, [
    { path: "lockedThrough", message: `Must be before ${lockedThrough}, or null to lift the lock` },
  ]);

/** 409 INVALID_STATE: there is no lock to move back. */
export const nothingLocked = () => invalidState("Nothing is locked");

/** 422 FISCAL_YEAR_CLOSED: closed years stay locked; unlocking into one would let its earnings change after the close. */
export const fiscalYearClosed = (fiscalYear: number, end: string) =>
  unprocessable(FISCAL_YEAR_CLOSED, `Fiscal year ${fiscalYear} is closed: the lock date cannot move before its end, ${end}`, [
    { path: "lockedThrough", message: `Must be on or after ${end}` },
  ]);

/** 409 INVALID_STATE */
export const fiscalYearAlreadyClosed = (fiscalYear: number) => invalidState(`Fiscal year ${fiscalYear} is already closed`);

/** 422 FISCAL_YEAR_NOT_ENDED: a year is closed once its last day is over. */
export const fiscalYearNotEnded = (fiscalYear: number, end: string) =>
  unprocessable(FISCAL_YEAR_NOT_ENDED, `Fiscal year ${fiscalYear} runs until ${end}`, [{ path: "fiscalYear", message: "Has not ended yet" }]);

/** 422 NOTHING_TO_CLOSE: no income or expense account holds a balance at the end of the year. */
export const nothingToClose = (fiscalYear: number) =>
  unprocessable(NOTHING_TO_CLOSE, `No income or expense account holds a balance at the end of fiscal year ${fiscalYear}`, [
    { path: "fiscalYear", message: "Nothing to close" },
  ]);

/** 422 RETAINED_EARNINGS_ACCOUNT_REQUIRED: none, or several, active posting accounts of subtype retained_earnings. */
export const retainedEarningsAccountRequired = (reason: string) =>
  unprocessable(RETAINED_EARNINGS_ACCOUNT_REQUIRED, `The closing entry needs a retained-earnings account: ${reason}`, [
    { path: "retainedEarningsAccountId", message: reason },
  ]);

export const DATE_IN_FUTURE = "DATE_IN_FUTURE";

/**
 * 422 DATE_IN_FUTURE: a date the books act on now (a payment, an allocation, a void, a credit note)
 * is later than today (see notAfterToday).
 */
export const dateInFuture = (date: string, latest: string, path: string) =>
  unprocessable(DATE_IN_FUTURE, `${date} is in the future: this date cannot be later than today`, [{ path, message: `Must be on or before ${latest}` }]);
