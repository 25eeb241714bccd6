/**
 * Reports that follow the chart's tree (profit and loss, balance sheet): each account with its
 * amounts and, for a group account, the sum of what it holds.
 */
import type { Decimal } from "@erp/money";
import { ZERO, type AccountType, type Movements, type ReportAccount } from "./ledger-amounts";

/** An account in a report's tree: its amounts (one per column) include its children's. */
export interface ReportNode {
  accountId: string;
  code: string;
  name: string;
  type: AccountType;
  isGroup: boolean;
  /** One amount per column of the report (a period, then its comparison period). */
  amounts: Decimal[];
  children: ReportNode[];
}

/** A section of a report (income, expenses, assets...): its tree and its totals per column. */
export interface ReportSection {
  accounts: ReportNode[];
  totals: Decimal[];
}

export interface SectionSpec {
  /** The account types the section holds. */
  types: readonly AccountType[];
  /** The account's own amount in a column (group accounts have none of their own in a sound ledger). */
  amountOf: (account: ReportAccount, column: number) => Decimal;
  /** Whether an account with these own amounts is worth a line; its ancestors are kept with it. */
  keep: (account: ReportAccount) => boolean;
  columns: number;
}

/**
 * The section's accounts as a tree ordered by code: an account whose parent is outside the section
 * (another type, or none) is a root. Accounts not kept, with no kept descendant, are left out.
 * The totals are the roots' sums, so a group's own amount (should one ever exist) is not lost.
 * @throws Error when parent links go round in a circle
 */
export function buildSection(accounts: readonly ReportAccount[], spec: SectionSpec): ReportSection {
  const members = accounts.filter((account) => spec.types.includes(account.type)).sort(byCode);
  const memberIds = new Set(members.map((account) => account.id));
  const childrenOf = new Map<string | null, ReportAccount[]>();
  for (const account of members) {
    const parent = account.parentId !== null && memberIds.has(account.parentId) ? account.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), account]);
  }

  const reached = new Set<string>();
  const nodeOf = (account: ReportAccount): ReportNode | undefined => {
    reached.add(account.id);
    const children = (childrenOf.get(account.id) ?? []).flatMap((child) => nodeOf(child) ?? []);
    if (children.length === 0 && !spec.keep(account)) return undefined;
    const amounts = Array.from({ length: spec.columns }, (_, column) =>
      children.reduce((sum, child) => sum.plus(child.amounts[column]!), spec.amountOf(account, column)),
    );
    return { accountId: account.id, code: account.code, name: account.name, type: account.type, isGroup: account.isGroup, amounts, children };
  };

  const roots = (childrenOf.get(null) ?? []).flatMap((account) => nodeOf(account) ?? []);
  // Every account leads up to a root unless its parents go round in a circle: its amounts would be lost.
  const unreached = members.find((account) => !reached.has(account.id));
  if (unreached) throw new Error(`the account tree has a cycle through ${unreached.code}`);
  const totals = Array.from({ length: spec.columns }, (_, column) => roots.reduce((sum, node) => sum.plus(node.amounts[column]!), ZERO));
  return { accounts: roots, totals };
}

/**
 * One collator for every comparison: `localeCompare` with a locale or options builds a collator on
 * each call, which was a quarter of a trial balance's CPU (sorting the chart for every request).
 */
const CODE_ORDER = new Intl.Collator("en", { numeric: true });

/** Orders accounts by code as a person reads a chart (`1000` before `1100`, `2` before `10`). */
export function byCode(a: { code: string }, b: { code: string }): number {
  return CODE_ORDER.compare(a.code, b.code);
}

/**
 * Refuses movements of accounts the report was not given: their amounts would be missing from
 * every total, and the report would disagree with the ledger.
 * @throws Error naming the first unknown account id
 */
export function assertKnownAccounts(accounts: readonly ReportAccount[], ...movements: Movements[]): void {
  const known = new Set(accounts.map((account) => account.id));
  for (const map of movements) {
    for (const accountId of map.keys()) {
      if (!known.has(accountId)) throw new Error(`movement of an account the report was not given: ${accountId}`);
    }
  }
}
