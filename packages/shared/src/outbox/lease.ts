import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '../mongo/connection';

interface LeaseDoc {
  _id: string;
  owner: string;
  expiresAt: Date;
}

/**
 * "Only one of us does this at a time" across processes, decided by a unique index: holding
 * the lease means owning the document with that `_id`. An expired lease is removed by the
 * one who finds it (matching its exact owner and expiry), and the next insert decides again.
 */
export class Lease {
  readonly owner = randomUUID();
  /** Until when we know we hold it, from our own last write: no need to ask the database before then. */
  private heldUntil = 0;

  constructor(
    private readonly connection: Connection,
    private readonly name: string,
    private readonly ttlMs: number,
  ) {}

  private collection() {
    return this.connection.collection<LeaseDoc>('leases');
  }

  /** True if we hold the lease now (newly taken or renewed). */
  async acquire(now = new Date()): Promise<boolean> {
    // The relay asks before every batch; renewing only once half the term is gone saves the
    // database three round trips per batch, and the lease is still ours until it expires.
    if (now.getTime() < this.heldUntil - this.ttlMs / 2) return true;
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    try {
      await this.collection().insertOne({ _id: this.name, owner: this.owner, expiresAt });
      this.heldUntil = expiresAt.getTime();
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const current = await this.collection().findOne({ _id: this.name });
    if (!current) return false;
    if (current.owner === this.owner) {
      // Only the holder writes its own lease document, so this update has no competitor.
      await this.collection().updateOne({ _id: this.name }, { $set: { expiresAt } });
      this.heldUntil = expiresAt.getTime();
      return true;
    }
    if (current.expiresAt.getTime() < now.getTime()) {
      await this.collection().deleteOne({ _id: this.name, owner: current.owner, expiresAt: current.expiresAt });
    }
    return false;
  }

  async release(): Promise<void> {
    this.heldUntil = 0;
    await this.collection().deleteOne({ _id: this.name, owner: this.owner });
  }
}
