/** Roles and departments are trees by `parentId`; both refuse a parent that would close a loop. */
export interface TreeNode {
  id: string;
  parentId: string | null;
}

/** The node and its ancestors, nearest first; stops at a loop instead of running forever. */
export function ancestry<T extends TreeNode>(byId: Map<string, T>, id: string): T[] {
  const chain: T[] = [];
  const seen = new Set<string>();
  for (let node = byId.get(id); node && !seen.has(node.id); node = node.parentId ? byId.get(node.parentId) : undefined) {
    seen.add(node.id);
    chain.push(node);
  }
  return chain;
}

/** True when making `parentId` the parent of `id` would make `id` its own ancestor. */
export function createsCycle(nodes: TreeNode[], id: string, parentId: string): boolean {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  return parentId === id || ancestry(byId, parentId).some((node) => node.id === id);
}
