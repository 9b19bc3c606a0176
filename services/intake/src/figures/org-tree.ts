import type { Connection } from 'mongoose';
import type { OrgLevel } from '@vanthu/shared';
import { organisationModel } from '../records/organisations';
import type { OrgRef } from './figure-item';

/**
 * The organisation tree of intake's directory, in memory: who is below whom decides what a
 * leader may see and what a drill-down covers. A node whose parent is unknown sits below
 * nothing, and a cycle in the data cannot make a walk loop.
 */
export class OrgTree {
  private readonly nodes = new Map<string, OrgRef>();
  private readonly childrenOf = new Map<string, OrgRef[]>();

  constructor(organisations: Iterable<OrgRef>) {
    for (const node of organisations) this.nodes.set(node.org, node);
    for (const node of this.nodes.values()) {
      if (node.parent === undefined || !this.nodes.has(node.parent)) continue;
      const siblings = this.childrenOf.get(node.parent) ?? [];
      siblings.push(node);
      this.childrenOf.set(node.parent, siblings);
    }
    for (const siblings of this.childrenOf.values()) siblings.sort((a, b) => a.org.localeCompare(b.org));
  }

  organisation(code: string): OrgRef | undefined {
    return this.nodes.get(code);
  }

  /** True when `code` is `ancestor` or below it, at any depth. */
  isWithin(code: string, ancestor: string): boolean {
    const seen = new Set<string>();
    for (let at: string | undefined = code; at !== undefined && this.nodes.has(at) && !seen.has(at); at = this.nodes.get(at)?.parent) {
      if (at === ancestor) return true;
      seen.add(at);
    }
    return false;
  }

  /** `code` and every organisation below it, parents before their children. */
  subtree(code: string): OrgRef[] {
    const root = this.nodes.get(code);
    if (!root) return [];
    const found: OrgRef[] = [];
    const seen = new Set<string>();
    const pending = [root];
    while (pending.length > 0) {
      const next = pending.shift()!;
      if (seen.has(next.org)) continue;
      seen.add(next.org);
      found.push(next);
      pending.push(...(this.childrenOf.get(next.org) ?? []));
    }
    return found;
  }
}

/**
 * The tree over intake's `organisations`. They are few and change rarely, while every figures
 * request asks about them: the tree is read again only once it is a few seconds old, and
 * concurrent requests for a stale tree share one read.
 */
export class DirectoryTree {
  private current?: { tree: OrgTree; loadedAt: number };
  private loading?: Promise<OrgTree>;

  constructor(
    private readonly mongo: Connection,
    private readonly maxAgeMs = 5_000,
  ) {}

  async view(): Promise<OrgTree> {
    if (this.current && Date.now() - this.current.loadedAt < this.maxAgeMs) return this.current.tree;
    return (this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    }));
  }

  private async load(): Promise<OrgTree> {
    const loadedAt = Date.now();
    const rows = await organisationModel(this.mongo).find({}, { name: 1, level: 1, parent: 1 }).lean();
    const tree = new OrgTree(
      rows.map((row) => ({ org: row._id, name: row.name, level: row.level as OrgLevel, ...(typeof row.parent === 'string' && { parent: row.parent }) })),
    );
    this.current = { tree, loadedAt };
    return tree;
  }
}
