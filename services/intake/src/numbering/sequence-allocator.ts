import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDuplicateKeyError } from '@vanthu/shared';

/**
 * Gap-free, duplicate-free sequences (document numbers, arrival numbers), safe under concurrent
 * requests on a database that makes no update atomic and answers only `_id` lookups without a
 * scan (FerretDB on SQLite; docs/local-stack.md). So:
 * - a number is claimed by inserting `_id = <series>#<n>`; the primary key decides a race;
 * - a unique index on (series, owner) makes the same insert fail for an owner that already has a
 *   number, so a retried activity never takes a second one (and never leaves a gap);
 * - where to start probing comes from a per-series hint (`<series>#top`), which only ever names a
 *   claimed number: stale is fine, the probes by `_id` move past taken numbers;
 * - an owner's number is found again by `_id` through `<series>@<owner>`, written after the claim
 *   (a crash in between is healed by a scan, the one rare slow path).
 */
export interface Allocation {
  _id: string;
  series: string;
  number: number;
  owner: string;
  at: Date;
}

const schema = new Schema<Allocation>(
  {
    _id: { type: String, required: true },
    series: { type: String, required: true },
    number: { type: Number, required: true },
    owner: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
// Partial indexes do not exist here, so the hint and owner records carry owner = their own id.
schema.index({ series: 1, owner: 1 }, { unique: true });

const numberId = (series: string, n: number) => `${series}#${n}`;
const hintId = (series: string) => `${series}#top`;
const ownerId = (series: string, owner: string) => `${series}@${owner}`;

export class SequenceAllocator {
  private readonly model: Model<Allocation>;

  constructor(connection: Connection, collection: string) {
    this.model = (connection.models[collection] as Model<Allocation> | undefined) ?? connection.model(collection, schema, collection);
  }

  init(): Promise<unknown> {
    return this.model.init();
  }

  async find(series: string, owner: string): Promise<number | undefined> {
    const cached = await this.model.findById(ownerId(series, owner)).lean();
    if (cached) return cached.number;
    // Slow path (a crash between claim and owner record): the owner's claim, found by a scan.
    return (await this.model.findOne({ series, owner }).lean())?.number;
  }

  async allocate(series: string, owner: string, maxAttempts = 100_000): Promise<number> {
    const known = await this.model.findById(ownerId(series, owner)).lean();
    if (known) return known.number;
    let n = ((await this.model.findById(hintId(series)).lean())?.number ?? 0) + 1;
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      try {
        await this.model.create({ _id: numberId(series, n), series, number: n, owner, at: new Date() });
        await this.remember(series, owner, n);
        return n;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const holder = await this.model.findById(numberId(series, n)).lean();
      if (holder?.owner === owner) {
        await this.remember(series, owner, n);
        return n;
      }
      if (!holder) {
        // The number is free, so the owner index refused us: this owner already has a number.
        const mine = await this.find(series, owner);
        if (mine !== undefined) return mine;
        continue;
      }
      // Taken: jump to what the winners have claimed since (the hint), after a random pause so
      // that many contenders do not collide in lockstep on the next number too.
      await sleep(Math.random() * Math.min(40, 2 + attempt * 2));
      const top = (await this.model.findById(hintId(series)).lean())?.number ?? 0;
      n = Math.max(n + 1, top + 1);
    }
    throw new Error(`could not allocate a number in series ${series} after ${maxAttempts} attempts`);
  }

  /** The owner's record and the hint; both are caches, so a lost race on either is harmless. */
  private async remember(series: string, owner: string, n: number): Promise<void> {
    const at = new Date();
    await this.model.create({ _id: ownerId(series, owner), series: `${series}@`, number: n, owner: ownerId(series, owner), at }).catch((error: unknown) => {
      if (!isDuplicateKeyError(error)) throw error;
    });
    const hint = await this.model.findById(hintId(series)).lean();
    if (!hint) {
      await this.model.create({ _id: hintId(series), series: `${series}#`, number: n, owner: hintId(series), at }).catch((error: unknown) => {
        if (!isDuplicateKeyError(error)) throw error;
      });
    } else if (hint.number < n) {
      await this.model.updateOne({ _id: hintId(series) }, { $set: { number: n, at } });
    }
  }
}
