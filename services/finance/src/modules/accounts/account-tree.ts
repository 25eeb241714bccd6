/**
 * The chart as a tree: roots first, children under their parent, each level by code. An account
 * whose parent is not in the selection (an active account under an archived group, say) is a root.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import type { Account } from "../../generated/prisma/client";
import { accountRepository } from "./account.repository";
import { toAccountDto, type AccountTreeNode, type AccountTreeQuery } from "./account.schemas";

export async function getAccountTree(tx: Tx, scope: Scope, query: AccountTreeQuery): Promise<AccountTreeNode[]> {
  const rows = await accountRepository(tx).all(scope.organizationId, {
    status: query.status === "all" ? undefined : query.status,
    type: query.type,
  });
  return buildTree(rows);
}

/** `accounts` (sorted by code) as nested nodes. */
export function buildTree(accounts: Account[]): AccountTreeNode[] {
  const nodes = new Map(accounts.map((account) => [account.id, { ...toAccountDto(account), children: [] as AccountTreeNode[] }]));
  const roots: AccountTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** The tree's accounts depth first (every parent before its children): the order of a CSV export. */
export function treeOrder<T extends { id: string; parentId: string | null }>(accounts: T[]): T[] {
  const byParent = new Map<string | null, T[]>();
  const ids = new Set(accounts.map((account) => account.id));
  for (const account of accounts) {
    const key = account.parentId && ids.has(account.parentId) ? account.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), account]);
  }
  const ordered: T[] = [];
  const visit = (parentId: string | null) => {
    for (const account of byParent.get(parentId) ?? []) {
      ordered.push(account);
      visit(account.id);
    }
  };
  visit(null);
  return ordered;
}
