import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDuplicateKeyError } from '@vanthu/shared';

/**
 * Gap-free, duplicate-free sequences (document numbers, arrival numbers), safe under concurrent
 * requests on a database that makes no update atomic: the next number is claimed by inserting
 * (series, number) under a unique index, and a duplicate-key error means "taken, try the next".
 * A second unique index on (series, owner) makes a retry for the same owner return the number it
 * already got instead of taking another — so a retried activity never leaves a gap.
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
schema.index({ series: 1, number: -1 }, { unique: true });
schema.index({ series: 1, owner: 1 }, { unique: true });

export class SequenceAllocator {
  private readonly model: Model<Allocation>;

  constructor(connection: Connection, collection: string) {
    this.model = (connection.models[collection] as Model<Allocation> | undefined) ?? connection.model(collection, schema, collection);
  }

  init(): Promise<unknown> {
    return this.model.init();
  }

  async allocate(series: string, owner: string, maxAttempts = 10_000): Promise<number> {
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const mine = await this.model.findOne({ series, owner }).lean();
      if (mine) return mine.number;
      const top = await this.model.findOne({ series }).sort({ number: -1 }).select({ number: 1 }).lean();
      const number = (top?.number ?? 0) + 1;
      try {
        await this.model.create({ _id: `${series}#${number}`, series, number, owner, at: new Date() });
        return number;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        // Lost the race for this number (or our owner got one meanwhile): look again, after a
        // short random pause so that many contenders do not collide in lockstep.
        await sleep(Math.random() * Math.min(50, 2 + attempt));
      }
    }
    throw new Error(`could not allocate a number in series ${series} after ${maxAttempts} attempts`);
  }

  async find(series: string, owner: string): Promise<number | undefined> {
    return (await this.model.findOne({ series, owner }).lean())?.number;
  }
}
