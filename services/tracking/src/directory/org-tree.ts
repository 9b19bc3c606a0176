import type { DirectoryView, OrgNode } from './directory-view';

/**
 * The organisation tree in memory. Built from the projection as it stands, which may hold an
 * organisation whose parent has not been announced yet (events of two organisations may arrive
 * in any order across partitions): such a node sits below nothing until its parent appears, and
 * a cycle in the data cannot make a walk loop.
 */
export class OrgTree implements DirectoryView {
  private readonly nodes = new Map<string, OrgNode>();
  private readonly childrenOf = new Map<string, OrgNode[]>();

  constructor(organisations: Iterable<OrgNode>) {
    for (const node of organisations) this.nodes.set(node.code, node);
    for (const node of this.nodes.values()) {
      if (node.parent === undefined || !this.nodes.has(node.parent)) continue;
      const siblings = this.childrenOf.get(node.parent) ?? [];
      siblings.push(node);
      this.childrenOf.set(node.parent, siblings);
    }
    for (const siblings of this.childrenOf.values()) siblings.sort((a, b) => a.code.localeCompare(b.code));
  }

  get size(): number {
    return this.nodes.size;
  }

  organisation(code: string): OrgNode | undefined {
    return this.nodes.get(code);
  }

  ancestors(code: string): string[] {
    const found: string[] = [];
    const seen = new Set([code]);
    for (let parent = this.nodes.get(code)?.parent; parent !== undefined && this.nodes.has(parent) && !seen.has(parent); parent = this.nodes.get(parent)?.parent) {
      found.push(parent);
      seen.add(parent);
    }
    return found;
  }

  isBelow(code: string, ancestor: string): boolean {
    return code !== ancestor && this.ancestors(code).includes(ancestor);
  }

  children(code: string): OrgNode[] {
    return [...(this.childrenOf.get(code) ?? [])];
  }

  subtree(code: string): string[] {
    if (!this.nodes.has(code)) return [];
    const found: string[] = [];
    const seen = new Set<string>();
    const pending = [code];
    while (pending.length > 0) {
      const next = pending.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      found.push(next);
      pending.push(...(this.childrenOf.get(next) ?? []).map((child) => child.code));
    }
    return found;
  }
}
