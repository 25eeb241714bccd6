/**
 * Receivables (payables) aging as of a date: each party's open invoices (bills) by days past due,
 * its unallocated payments and credit notes as negative credits, in the base currency at each
 * document's own rate, so the report's total is the receivable (payable) accounts' balance in the
 * trial balance on that date; and the same buckets per document currency.
 */
import { Decimal, formatMoney } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import type { PartyKind } from "../parties/party-read-model";
import { partyNotFound } from "../parties/party.errors";
import { receivablesRepository, type OpenItemRow } from "./receivables.repository";
import { AGING_BUCKETS, type AgingBucket, type AgingBucketsDto, type AgingDto, type AgingQuery } from "./receivables.schemas";

type Column = AgingBucket | "unallocatedCredits";
const COLUMNS: readonly Column[] = [...AGING_BUCKETS, "unallocatedCredits"];

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (calendar dates). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The bucket of an amount `daysPastDue` days past its due date (0 or less: not yet due). */
export function agingBucket(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 0) return "current";
  if (daysPastDue <= 30) return "days1To30";
  if (daysPastDue <= 60) return "days31To60";
  if (daysPastDue <= 90) return "days61To90";
  return "over90";
}

/** Running sums per column, formatted at the end. */
class Sums {
  private readonly values = new Map<Column, Decimal>(COLUMNS.map((column) => [column, new Decimal(0)]));

  add(column: Column, value: Decimal): void {
    this.values.set(column, this.values.get(column)!.plus(value));
  }

  format(currency: string): AgingBucketsDto {
    const money = (column: Column) => formatMoney(this.values.get(column)!, currency);
    const total = COLUMNS.reduce((sum, column) => sum.plus(this.values.get(column)!), new Decimal(0));
    return {
      current: money("current"),
      days1To30: money("days1To30"),
      days31To60: money("days31To60"),
      days61To90: money("days61To90"),
      over90: money("over90"),
      unallocatedCredits: money("unallocatedCredits"),
      total: formatMoney(total, currency),
    };
  }
}

const isCredit = (item: OpenItemRow) => item.kind === "credit_note" || item.kind === "payment";

/**
 * @throws AppError 404 NOT_FOUND when `partyId` names no customer (supplier) of the organization;
 *   503 LEDGER_UNAVAILABLE when the organization's ledger is not set up
 */
export async function getAging(tx: Tx, scope: Scope, query: Pick<AgingQuery, "type" | "asOf" | "partyId">): Promise<AgingDto> {
  const { organizationId } = scope;
  const { baseCurrency } = await ledgerSettingsOf(tx, organizationId);
  const partyType: PartyKind = query.type === "receivable" ? "customer" : "supplier";
  const repository = receivablesRepository(tx);
  if (query.partyId && !(await repository.findParty(organizationId, partyType, query.partyId))) throw partyNotFound(partyType);
  const items = await repository.openItems(organizationId, { partyType, asOf: query.asOf, ...(query.partyId && { partyId: query.partyId }) });
  const names = await repository.partyNames(organizationId, partyType, [...new Set(items.map((item) => item.partyId))]);

  const totals = new Sums();
  const byCurrency = new Map<string, Sums>();
  const byParty = new Map<string, { sums: Sums; items: AgingDto["parties"][number]["items"] }>();
  for (const item of items) {
    const sign = isCredit(item) ? -1 : 1;
    const daysPastDue = item.dueDate === null ? null : daysBetween(item.dueDate, query.asOf);
    const column: Column = daysPastDue === null ? "unallocatedCredits" : agingBucket(daysPastDue);
    const open = item.open.times(sign);
    const baseOpen = item.baseOpen.times(sign);
    const party = byParty.get(item.partyId) ?? { sums: new Sums(), items: [] };
    byParty.set(item.partyId, party);
    party.sums.add(column, baseOpen);
    totals.add(column, baseOpen);
    const currencySums = byCurrency.get(item.currency) ?? new Sums();
    byCurrency.set(item.currency, currencySums);
    currencySums.add(column, open);
    party.items.push({
      kind: item.kind,
      id: item.id,
      number: item.number,
      date: item.date,
      dueDate: item.dueDate,
      daysPastDue,
      bucket: column,
      currency: item.currency,
      total: formatMoney(item.total, item.currency),
      open: formatMoney(open, item.currency),
      baseOpen: formatMoney(baseOpen, baseCurrency),
    });
  }

  const parties = [...byParty.entries()].map(([partyId, party]) => {
    const name = names.get(partyId);
    return { partyType, partyId, code: name?.code ?? "", name: name?.name ?? "", ...party.sums.format(baseCurrency), items: party.items };
  });
  parties.sort((a, b) => a.name.localeCompare(b.name) || a.code.localeCompare(b.code) || a.partyId.localeCompare(b.partyId));
  return {
    type: query.type,
    asOf: query.asOf,
    currency: baseCurrency,
    parties,
    totals: totals.format(baseCurrency),
    totalsByCurrency: [...byCurrency.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, sums]) => ({ currency, ...sums.format(currency) })),
  };
}
