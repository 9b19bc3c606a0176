import type { Connection } from 'mongoose';
import { organisationModel } from '../store/collections';
import type { DirectoryReader, DirectoryView } from './directory-view';
import { OrgTree } from './org-tree';

export interface ProjectionDirectoryOptions {
  /** How old the tree in memory may grow before the next request reloads it. */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * The directory over the `organisations` projection (consumers/inputs-consumer.ts). Organisations
 * are few — hundreds, a few thousand — and change rarely, while every task request asks about the
 * hierarchy: so the whole tree is held in memory and read again only once it is a few seconds old.
 * Concurrent requests for a stale tree share one reload.
 */
export class ProjectionDirectory implements DirectoryReader {
  private current?: { tree: OrgTree; loadedAt: number };
  private loading?: Promise<OrgTree>;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly mongo: Connection,
    options: ProjectionDirectoryOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 5_000;
    this.now = options.now ?? Date.now;
  }

  async view(): Promise<DirectoryView> {
    if (this.current && this.now() - this.current.loadedAt < this.maxAgeMs) return this.current.tree;
    return (this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    }));
  }

  /** Forgets the tree, so the next view reads the projection again (after a known change). */
  invalidate(): void {
    this.current = undefined;
  }

  private async load(): Promise<OrgTree> {
    const startedAt = this.now();
    const rows = await organisationModel(this.mongo).find({}, { name: 1, level: 1, parent: 1 }).lean();
    const tree = new OrgTree(rows.map((row) => ({ code: row._id, name: row.name, level: row.level, ...(row.parent !== undefined && row.parent !== null && { parent: row.parent }) })));
    this.current = { tree, loadedAt: startedAt };
    return tree;
  }
}
