/**
 * One account's general ledger over a range of dates: its opening balance (from the maintained
 * balances), then its posted lines page by page, each with the running balance. A page's cursor
 * carries the running balance it ended on, so the next page continues from it without summing
 * the lines before it again.
 */
import { notFound } from "@erp/errors";
import { Decimal } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { ledgerUnavailable } from "../ledger/ledger.errors";
import { addDays } from "../periods/fiscal-year";
import { withRunningBalance } from "./general-ledger";
import { decodeLedgerCursor, encodeLedgerCursor } from "./ledger-cursor";
import { normalBalance } from "../accounts/account-types";
import { debitBalance, movementOf } from "./ledger-amounts";
import { reportRepository, type LedgerPosition } from "./report.repository";
import { moneyIn, type GeneralLedgerPage, type GeneralLedgerQuery } from "./report.schemas";

/**
 * @throws AppError 404 NOT_FOUND when the account is not the organization's; 400 for an altered
 *   cursor or one of another account or range; 503 LEDGER_UNAVAILABLE when the ledger is not set up
 */
export async function getGeneralLedger(tx: Tx, scope: Scope, query: Omit<GeneralLedgerQuery, "format">): Promise<GeneralLedgerPage> {
  const { organizationId } = scope;
  const reports = reportRepository(tx);
  const {
    accounts: [account],
    movements: [before, during],
    settings,
  } = await reports.accountsWithMovements(
    organizationId,
    [
      { from: null, to: addDays(query.from, -1) },
      { from: query.from, to: query.to },
    ],
    query.accountId,
  );
  if (!settings) throw ledgerUnavailable("its base currency is not known yet");
  if (!account) throw notFound("Account");
  const money = moneyIn(settings.baseCurrency);

  const cursor = query.cursor === undefined ? null : decodeLedgerCursor(query.cursor, { accountId: account.id, from: query.from, to: query.to });
  const opening = debitBalance(movementOf(before!, account.id));
  const closing = opening.plus(debitBalance(movementOf(during!, account.id)));
  const after: LedgerPosition | null = cursor && { entryDate: cursor.entryDate, chainPosition: cursor.chainPosition, lineNumber: cursor.lineNumber };
  const pageOpening = cursor ? new Decimal(cursor.balance) : opening;

  const rows = await reports.ledgerLines(organizationId, { accountId: account.id, from: query.from, to: query.to, after, limit: query.limit + 1 });
  const hasMore = rows.length > query.limit;
  const lines = withRunningBalance(pageOpening, rows.slice(0, query.limit));
  const last = lines.at(-1);
  const nextCursor =
    hasMore && last
      ? encodeLedgerCursor({
          accountId: account.id,
          from: query.from,
          to: query.to,
          entryDate: last.entryDate,
          chainPosition: last.chainPosition,
          lineNumber: last.lineNumber,
          balance: last.runningBalance.toFixed(4),
        })
      : null;

  return {
    data: {
      account: { id: account.id, code: account.code, name: account.name, type: account.type, normalBalance: normalBalance(account.type) },
      from: query.from,
      to: query.to,
      currency: settings.baseCurrency,
      openingBalance: money(opening),
      closingBalance: money(closing),
      pageOpeningBalance: money(pageOpening),
      lines: lines.map((line) => ({
        lineId: line.lineId,
        entryId: line.entryId,
        entryNumber: line.entryNumber,
        entryDate: line.entryDate,
        lineNumber: line.lineNumber,
        memo: line.memo,
        reference: line.reference,
        description: line.description,
        debit: money(line.debit),
        credit: money(line.credit),
        runningBalance: money(line.runningBalance),
        lineCurrency: line.lineCurrency,
        lineDebit: moneyIn(line.lineCurrency)(line.lineDebit),
        lineCredit: moneyIn(line.lineCurrency)(line.lineCredit),
        exchangeRate: line.exchangeRate.toString(),
        partyType: line.partyType as "customer" | "supplier" | "employee" | null,
        partyId: line.partyId,
      })),
    },
    page: { limit: query.limit, nextCursor, hasMore: nextCursor !== null },
  };
}
