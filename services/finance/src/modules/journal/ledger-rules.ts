/**
 * The ledger's posting rules, pure: which lines may be posted, each line's amount in the base
 * currency, and the rounding difference a multi-currency entry leaves. No database, no clock:
 * the posting use case gathers the accounts and rates and applies the plan this returns.
 *
 * Amounts are exact decimals. A base amount is the line's amount × its exchange rate (base currency
 * per one unit of the line's currency), rounded half away from zero to the base currency's minor
 * unit, which is the only rounding there is.
 */
import { Decimal, minorUnits } from "@erp/money";

/** The codes of the rules a posting can break (422). */
export const POSTING_RULES = [
  "TOO_FEW_LINES",
  "LINE_AMOUNT_INVALID",
  "UNKNOWN_ACCOUNT",
  "ACCOUNT_IS_GROUP",
  "ACCOUNT_ARCHIVED",
  "ACCOUNT_CURRENCY_MISMATCH",
  "AMOUNT_PRECISION",
  "EXCHANGE_RATE_NOT_ONE",
  "EXCHANGE_RATE_MISSING",
  "CONTROL_ACCOUNT",
  "ENTRY_NOT_BALANCED",
] as const;
export type PostingRule = (typeof POSTING_RULES)[number];

/** One broken rule, with the input field it is about (`lines.2.accountId`, or `lines`). */
export interface PostingProblem {
  code: PostingRule;
  path: string;
  message: string;
}

/** A line as a draft holds it: one of debit and credit is zero. */
export interface PostingLine {
  accountId: string;
  debit: Decimal;
  credit: Decimal;
  currency: string;
  /** Given with the line; null: the organization's rate for the currency on the entry's date. */
  exchangeRate: Decimal | null;
}

/** What the rules need to know of an account. */
export interface PostingAccount {
  id: string;
  code: string;
  isGroup: boolean;
  archived: boolean;
  /** Lines on it must be in this currency; null: any. */
  currency: string | null;
  /** A control account (subtype receivable or payable): only documents post to it (`mayPostToControlAccounts`). */
  controlled: boolean;
}

export interface PostingInput {
  lines: PostingLine[];
  accounts: ReadonlyMap<string, PostingAccount>;
  baseCurrency: string;
  /** The organization's rate for each currency on the entry's date, where it has one. */
  rates: ReadonlyMap<string, Decimal>;
  /** The entry may post to control accounts (`mayPostToControlAccounts`); default false. */
  controlAccounts?: boolean;
}

/**
 * Sources whose entries belong to a document or record of their own: an invoice's, bill's or
 * credit note's entry goes with the document's void, a payment's and its exchange differences'
 * with the payment's, an expense's or revenue's with its void, a stock movement's with the stock
 * ledger, a bank account's opening with the bank account's openingBalance (bank_account_opening,
 * never reversed: the two would disagree). Only their own void reverses them (reverse-entry.ts), and only they post to control
 * accounts (`mayPostToControlAccounts`).
 */
export const DOCUMENT_SOURCE_TYPES: ReadonlySet<string> = new Set([
  "invoice",
  "bill",
  "credit_note",
  "payment",
  "allocation_fx",
  "stock_movement",
  "expense",
  "revenue",
  "bank_transfer",
  "bank_account_opening",
  "reimbursement",
  "reimbursement_payment",
]);

/**
 * Whether an entry may post to a control account (accounts receivable, accounts payable): the
 * entry of a document (its source is one of DOCUMENT_SOURCE_TYPES), or a reversal (it mirrors an
 * entry already posted). A manual journal entry may not: every amount on a control account then
 * belongs to an invoice, bill, credit note or payment of a party, so the receivables and payables
 * aging always sums to the account's balance. The rule of Xero's and QuickBooks' control accounts.
 */
export function mayPostToControlAccounts(entry: { sourceType?: string | null; reversalOfEntryId?: string | null }): boolean {
  return (entry.sourceType != null && DOCUMENT_SOURCE_TYPES.has(entry.sourceType)) || entry.reversalOfEntryId != null;
}

/** A line as it is posted: its rate and base amounts. */
export interface PlannedLine {
  exchangeRate: Decimal;
  baseDebit: Decimal;
  baseCredit: Decimal;
}

export interface PostingPlan {
  /** In the input's order. */
  lines: PlannedLine[];
  /** The line to add on the rounding account (in the base currency), when conversion left a difference. */
  rounding: { side: "debit" | "credit"; amount: Decimal } | null;
  /** Base totals with the rounding line: always equal. */
  totals: { baseDebit: Decimal; baseCredit: Decimal };
}

export type PostingResult = { ok: true; plan: PostingPlan } | { ok: false; problems: PostingProblem[] };

const ZERO = new Decimal(0);
const ONE = new Decimal(1);

/**
 * Checks every rule and, when all hold, plans the posting. Problems are listed in line order, every
 * broken rule of every line, so a client can show them all at once.
 *
 * Balance: an entry in one currency must balance exactly in it. An entry in several currencies must
 * balance in the base currency; a difference no larger than what rounding the converted lines can
 * cause (half a minor unit of the base currency each) is a rounding difference, posted to the
 * rounding account; anything larger is ENTRY_NOT_BALANCED.
 */
export function planPosting(input: PostingInput): PostingResult {
  const { lines, accounts, baseCurrency, rates } = input;
  const problems: PostingProblem[] = [];
  if (lines.length < 2) problems.push({ code: "TOO_FEW_LINES", path: "lines", message: `An entry needs at least 2 lines, it has ${lines.length}` });

  const planned: (PlannedLine | undefined)[] = lines.map((line, index) => {
    const path = `lines.${index}`;
    const problem = (code: PostingRule, field: string, message: string) => problems.push({ code, path: field ? `${path}.${field}` : path, message });
    const side = lineSide(line);
    if (!side) problem("LINE_AMOUNT_INVALID", "", "A line is a debit or a credit, greater than 0, not both");
    const account = accounts.get(line.accountId);
    if (!account) problem("UNKNOWN_ACCOUNT", "accountId", "No such account");
    else {
      if (account.isGroup) problem("ACCOUNT_IS_GROUP", "accountId", `Account ${account.code} is a group account: post to an account under it`);
      if (account.archived) problem("ACCOUNT_ARCHIVED", "accountId", `Account ${account.code} is archived`);
      if (account.currency && account.currency !== line.currency) {
        problem("ACCOUNT_CURRENCY_MISMATCH", "currency", `Account ${account.code} takes ${account.currency} only`);
      }
      if (account.controlled && !input.controlAccounts) {
        problem("CONTROL_ACCOUNT", "accountId", `Account ${account.code} is a control account: only invoices, credit notes, bills and payments post to it`);
      }
    }
    const decimals = minorUnits(line.currency);
    if (side && amountOf(line).decimalPlaces() > decimals) {
      problem("AMOUNT_PRECISION", side, `${line.currency} amounts have at most ${decimals} decimals`);
    }
    const rate = rateOf(line, baseCurrency, rates);
    if (rate === "not-one") problem("EXCHANGE_RATE_NOT_ONE", "exchangeRate", `A line in the base currency ${baseCurrency} has the rate 1`);
    if (rate === "missing") problem("EXCHANGE_RATE_MISSING", "exchangeRate", `No exchange rate for ${line.currency} on the entry's date: give one or record it`);
    if (!side || typeof rate === "string") return undefined;
    const base = baseAmount(amountOf(line), rate, baseCurrency);
    return { exchangeRate: rate, baseDebit: side === "debit" ? base : ZERO, baseCredit: side === "credit" ? base : ZERO };
  });
  if (problems.length > 0) return { ok: false, problems };
  const plannedLines = planned as PlannedLine[];

  const currencies = new Set(lines.map((line) => line.currency));
  if (currencies.size === 1) {
    const [currency] = currencies;
    const debit = sum(lines.map((line) => line.debit));
    const credit = sum(lines.map((line) => line.credit));
    if (!debit.eq(credit)) return { ok: false, problems: [notBalanced(`Debits ${debit.toFixed()} and credits ${credit.toFixed()} ${currency} differ`)] };
  }
  const baseDebit = sum(plannedLines.map((line) => line.baseDebit));
  const baseCredit = sum(plannedLines.map((line) => line.baseCredit));
  const difference = baseDebit.minus(baseCredit);
  if (difference.isZero()) return { ok: true, plan: { lines: plannedLines, rounding: null, totals: { baseDebit, baseCredit } } };

  const converted = lines.filter((line, index) => line.currency !== baseCurrency || !plannedLines[index]!.exchangeRate.eq(ONE)).length;
  if (difference.abs().gt(roundingTolerance(converted, baseCurrency))) {
    return {
      ok: false,
      problems: [notBalanced(`Debits ${baseDebit.toFixed()} and credits ${baseCredit.toFixed()} ${baseCurrency} differ by more than rounding can explain`)],
    };
  }
  const rounding = { side: difference.isNegative() ? ("debit" as const) : ("credit" as const), amount: difference.abs() };
  const total = Decimal.max(baseDebit, baseCredit);
  return { ok: true, plan: { lines: plannedLines, rounding, totals: { baseDebit: total, baseCredit: total } } };
}

/** The line's amount in the base currency: `amount × rate`, rounded half away from zero to the base currency's minor unit. */
export function baseAmount(amount: Decimal, rate: Decimal, baseCurrency: string): Decimal {
  return amount.times(rate).toDecimalPlaces(minorUnits(baseCurrency), Decimal.ROUND_HALF_UP);
}

/** The largest difference rounding `convertedLines` base amounts can leave: half a minor unit each. */
export function roundingTolerance(convertedLines: number, baseCurrency: string): Decimal {
  return new Decimal(10).pow(-minorUnits(baseCurrency)).times(convertedLines).dividedBy(2);
}

/** `debit` or `credit`: the side a well-formed line is on; undefined when it has both or neither. */
export function lineSide(line: Pick<PostingLine, "debit" | "credit">): "debit" | "credit" | undefined {
  if (line.debit.gt(0) && line.credit.isZero()) return "debit";
  if (line.credit.gt(0) && line.debit.isZero()) return "credit";
  return undefined;
}

function amountOf(line: PostingLine): Decimal {
  return line.debit.gt(0) ? line.debit : line.credit;
}

function rateOf(line: PostingLine, baseCurrency: string, rates: ReadonlyMap<string, Decimal>): Decimal | "not-one" | "missing" {
  if (line.currency === baseCurrency) return line.exchangeRate === null || line.exchangeRate.eq(ONE) ? ONE : "not-one";
  return line.exchangeRate ?? rates.get(line.currency) ?? "missing";
}

function sum(values: Decimal[]): Decimal {
  return values.reduce((total, value) => total.plus(value), ZERO);
}

function notBalanced(message: string): PostingProblem {
  return { code: "ENTRY_NOT_BALANCED", path: "lines", message };
}

/** A reversal: every line on the other side, with the same currency, rate and base amounts. */
export function swapSides<L extends { debit: Decimal; credit: Decimal; baseDebit: Decimal; baseCredit: Decimal }>(line: L): L {
  return { ...line, debit: line.credit, credit: line.debit, baseDebit: line.baseCredit, baseCredit: line.baseDebit };
}
