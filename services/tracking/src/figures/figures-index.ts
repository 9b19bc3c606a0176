import { countedItem, type CountedItem } from './counted-item';
import type { FigureItem } from './figure-item';

/**
 * Every task item, in memory, by assigning organisation: a query names its organisations
 * (one, or a subtree) and reads only their tasks. Two copies of one item meet when a refresh
 * overlaps the last one or a reload races the journal: the higher `seq` wins, as in the projection.
 */
export class FiguresIndex {
  private readonly byId = new Map<string, CountedItem>();
  private readonly byAssigner = new Map<string, Map<string, CountedItem>>();

  get size(): number {
    return this.byId.size;
  }

  /** True when the item was newer than what the index held. */
  put(item: FigureItem): boolean {
    const held = this.byId.get(item._id);
    if (held && held.seq >= item.seq) return false;
    const next = countedItem(item);
    if (held && held.assignerOrg !== next.assignerOrg) this.byAssigner.get(held.assignerOrg)?.delete(held.id);
    this.byId.set(next.id, next);
    let group = this.byAssigner.get(next.assignerOrg);
    if (!group) {
      group = new Map();
      this.byAssigner.set(next.assignerOrg, group);
    }
    group.set(next.id, next);
    return true;
  }

  get(id: string): CountedItem | undefined {
    return this.byId.get(id);
  }

  /** The tasks these organisations assigned. */
  *assignedBy(orgs: Iterable<string>): Generator<CountedItem> {
    for (const org of orgs) {
      const group = this.byAssigner.get(org);
      if (group) yield* group.values();
    }
  }
}
