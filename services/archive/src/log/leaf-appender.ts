import { isDuplicateKeyError } from '@vanthu/shared';
import { leafHash } from '../merkle';
import { logKey, type ArchiveCollections, type LeafDoc } from '../store/collections';

/** Appends written by one insert at most. */
const APPEND_BATCH = 64;

export interface AppendedLeaf {
  index: number;
  leafHash: string;
}

interface PendingAppend {
  packageId: string;
  manifestSha256: string;
  leafHash: string;
  resolve: (leaf: AppendedLeaf) => void;
  reject: (error: unknown) => void;
}

/** How many documents of an ordered insert went in before the first that failed. */
function firstFailure(error: unknown): number | undefined {
  const failures = (error as { writeErrors?: { index?: number } | Array<{ index?: number }> }).writeErrors;
  const first = Array.isArray(failures) ? failures[0] : failures;
  return typeof first?.index === 'number' ? first.index : undefined;
}

/**
 * The log's writer in this process. A leaf's index is its key, so of two processes appending at
 * once only one gets an index; the other moves on. Appending writes and does not read, except
 * after a collision: on our database an insert uses the indexes and a read does not.
 */
export class LeafAppender {
  /** The index this process appends at next; undefined until the log's size is read. */
  private next?: number;
  private readonly queue: PendingAppend[] = [];
  private flushing = false;

  constructor(
    private readonly c: ArchiveCollections,
    private readonly size: () => Promise<number>,
    private readonly leafAt: (index: number) => Promise<LeafDoc | null>,
  ) {}

  /**
   * Appends the package's manifest hash, once: a retry finds the leaf it appended before.
   * Appends that arrive while a write is under way are written together (group commit): one
   * ordered insert of consecutive indexes and one of their positions per batch, and the log never
   * has a gap (an ordered insert stops at the first failure; whatever it wrote is a prefix).
   */
  append(packageId: string, manifestSha256: string): Promise<AppendedLeaf> {
    const hash = leafHash(Buffer.from(manifestSha256, 'hex')).toString('hex');
    return new Promise<AppendedLeaf>((resolve, reject) => {
      this.queue.push({ packageId, manifestSha256, leafHash: hash, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, APPEND_BATCH);
        try {
          await this.appendBatch(batch);
        } catch (error) {
          // What reached the database is unknown: read the size again before the next batch.
          this.next = undefined;
          for (const item of batch) item.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * A collision on an index means another process took it: the rest move on past it. One on the
   * package id (the index being free) means the package has its leaf already: it is looked up.
   */
  private async appendBatch(batch: PendingAppend[]): Promise<void> {
    let rest = batch;
    for (let attempt = 0; rest.length > 0; attempt++) {
      if (attempt > 10_000) throw new Error('the log kept colliding with other appends');
      this.next ??= await this.size();
      const start = this.next;
      const appendedAt = new Date().toISOString();
      const docs: LeafDoc[] = rest.map((item, i) => ({
        _id: logKey(start + i),
        index: start + i,
        packageId: item.packageId,
        manifestSha256: item.manifestSha256,
        leafHash: item.leafHash,
        appendedAt,
      }));
      let written = docs.length;
      try {
        await this.c.leaves.insertMany(docs, { ordered: true });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        written = firstFailure(error) ?? 0;
      }
      this.next = start + written;
      await this.recordPositions(docs.slice(0, written));
      rest.slice(0, written).forEach((item, i) => item.resolve({ index: start + i, leafHash: item.leafHash }));
      if (written === rest.length) return;

      const item = rest[written]!;
      const index = start + written;
      const holder = await this.leafAt(index);
      if (holder?.packageId === item.packageId) {
        await this.recordPositions([holder]);
        item.resolve({ index, leafHash: holder.leafHash });
        this.next = index + 1;
      } else if (holder) {
        this.next = index + 1;
        rest = rest.slice(written);
        continue;
      } else {
        // The package's own leaf is elsewhere: the same package twice in one batch, or a retry after
        // a crash between its leaf and its position. Rare, so a scan will do.
        const own = await this.c.leaves.findOne({ packageId: item.packageId });
        if (!own) throw new Error(`leaf ${index} collided, yet neither it nor a leaf of ${item.packageId} exists`);
        await this.recordPositions([own]);
        item.resolve({ index: own.index, leafHash: own.leafHash });
      }
      rest = rest.slice(written + 1);
    }
  }

  /** Before an append returns, its package can be found in the log by `_id`; a retry writes the same record. */
  private async recordPositions(leaves: LeafDoc[]): Promise<void> {
    if (leaves.length === 0) return;
    await this.c.positions.insertMany(
      leaves.map((leaf) => ({ _id: leaf.packageId, index: leaf.index })),
      { ordered: false },
    ).catch((error: unknown) => {
      if (!isDuplicateKeyError(error)) throw error;
    });
  }
}
