/** The lock date (lock, unlock with a reason, history) and the year-end close. */
import type { ServiceApp } from "@erp/http-kit";
import { permissions } from "../../permissions";
import { LEDGER_UNAVAILABLE } from "../ledger/ledger.errors";
import { inLedger, type Ledger } from "../ledger/ledger-transaction";
import { closeFiscalYear } from "./close-fiscal-year";
import { getPeriods } from "./get-periods";
import { lockPeriods } from "./lock-periods";
import {
  FISCAL_YEAR_CLOSED,
  FISCAL_YEAR_NOT_ENDED,
  LOCK_IN_FUTURE,
  LOCK_NOT_FORWARD,
  NOTHING_TO_CLOSE,
  PERIOD_LOCKED,
  RETAINED_EARNINGS_ACCOUNT_REQUIRED,
  UNLOCK_NOT_BACKWARD,
} from "./period.errors";
import { closeYearBody, closingDto, lockBody, lockStateDto, periodsDto, unlockBody } from "./period.schemas";
import { unlockPeriods } from "./unlock-periods";

const tags = ["Periods"];

const unavailable = { 503: { description: "The organization's ledger could not be set up yet", codes: [LEDGER_UNAVAILABLE] } };

export function registerPeriodRoutes(route: ServiceApp["route"], ledger: Ledger): void {
  route({
    method: "get",
    path: "/periods",
    summary: "The lock date, its history and the fiscal years",
    tags,
    access: { permission: permissions.periodRead },
    responses: { 200: { description: "Lock date, fiscal year calendar, closed years and every move of the lock date", schema: periodsDto }, ...unavailable },
    handler: ({ scope }) => inLedger(ledger, scope, (tx) => getPeriods(tx, scope)),
  });

  route({
    method: "post",
    path: "/periods/lock",
    summary: "Lock the books through a date",
    description: "Nothing can be posted or reversed on or before `lockedThrough` afterwards. The date only moves forward; `/periods/unlock` moves it back.",
    tags,
    access: { permission: permissions.periodLock },
    request: { body: lockBody },
    responses: {
      200: { description: "The new lock date", schema: lockStateDto },
      422: { description: "Not after the current lock date, or in the future", codes: [LOCK_NOT_FORWARD, LOCK_IN_FUTURE] },
      ...unavailable,
    },
    handler: ({ scope, body }) => inLedger(ledger, scope, (tx) => lockPeriods(tx, scope, body)),
  });

  route({
    method: "post",
    path: "/periods/unlock",
    summary: "Move the lock date back, with a reason",
    description: "Needs its own permission; recorded in the history with who, when and why. A closed fiscal year stays locked.",
    tags,
    access: { permission: permissions.periodUnlock },
    request: { body: unlockBody },
    responses: {
      200: { description: "The new lock date (null: nothing is locked)", schema: lockStateDto },
      409: { description: "Nothing is locked", codes: ["INVALID_STATE"] },
      422: { description: "Not before the current lock date, or into a closed fiscal year", codes: [UNLOCK_NOT_BACKWARD, FISCAL_YEAR_CLOSED] },
      ...unavailable,
    },
    handler: ({ scope, body }) => inLedger(ledger, scope, (tx) => unlockPeriods(tx, scope, body)),
  });

  route({
    method: "post",
    path: "/periods/close-year",
    summary: "Close a fiscal year into retained earnings",
    description:
      "Posts, on the year's last day, a closing entry that brings every income and expense account to zero and moves the difference " +
      "(the net income) to the retained-earnings account, then locks the books through that day (a closed year stays locked).",
    tags,
    access: { permission: permissions.fiscalYearClose },
    request: { body: closeYearBody },
    responses: {
      200: { description: "The closing entry and the year's net income", schema: closingDto },
      409: { description: "The year is already closed", codes: ["INVALID_STATE"] },
      422: {
        description: "The year has not ended, its last day is locked, nothing to close, or no single retained-earnings account",
        codes: [FISCAL_YEAR_NOT_ENDED, PERIOD_LOCKED, NOTHING_TO_CLOSE, RETAINED_EARNINGS_ACCOUNT_REQUIRED],
      },
      ...unavailable,
    },
    handler: ({ scope, body }) => inLedger(ledger, scope, (tx) => closeFiscalYear(tx, scope, body)),
  });
}
