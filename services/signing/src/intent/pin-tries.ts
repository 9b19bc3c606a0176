import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '@vanthu/shared';
import { pinTryModel, type PinTryDoc } from './intent-records';

export interface PinTryLimits {
  /** Wrong PINs in a row (none more than `lockMs` after the one before) that lock the user out. */
  maxFailures: number;
  /** How long the lock lasts after the last of them. */
  lockMs: number;
}

export const PIN_TRY_LIMITS: PinTryLimits = { maxFailures: 5, lockMs: 15 * 60_000 };

/** An attempt still in flight after this long died with its process: it counts as a failure. */
const IN_FLIGHT_MS = 30_000;
/** How long an attempt waits for in-flight ones to free a slot before it is told to come back. */
const WAIT_FOR_SLOT_MS = 10_000;

export class PinLocked extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many wrong PINs; try again in ${retryAfterSeconds} s.`);
    this.name = 'PinLocked';
  }
}

/**
 * Attempts at a user's PIN, limited with slots `<userId>#1..max`: an attempt inserts a free slot
 * before the PIN is checked (the unique _id decides between racing attempts, since our database
 * makes no update atomic), a wrong PIN marks its slot failed and keeps it, a right one frees it
 * and the failures before it. So however many requests race, at most `max` wrong PINs are tried.
 * All slots failed: locked until `lockMs` after the newest; then, or when the newest is that old
 * anyway, the slots up to it are cleared (by `at <= newest`, which spares slots claimed meanwhile).
 * All slots held but some in flight (one user signing several documents at once): wait for them.
 */
export class PinTries {
  constructor(
    private readonly connection: Connection,
    private readonly limits: PinTryLimits = PIN_TRY_LIMITS,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get model() {
    return pinTryModel(this.connection);
  }

  ensureIndexes() {
    return this.model.createIndexes();
  }

  private slotId = (userId: string, n: number) => `${userId}#${n}`;

  /** A slot for one PIN check, or PinLocked. */
  async claim(userId: string): Promise<PinTryDoc> {
    const giveUpAt = Date.now() + WAIT_FOR_SLOT_MS;
    for (;;) {
      const held = await this.model.find({ userId }).lean<PinTryDoc[]>().exec();
      const now = this.now();
      const newest = held.reduce<Date | undefined>((m, t) => (!m || t.at > m ? t.at : m), undefined);
      if (newest && newest.getTime() + this.limits.lockMs <= now.getTime()) {
        await this.model.deleteMany({ userId, at: { $lte: newest } }).exec();
        continue;
      }
      const taken = new Set(held.map((t) => t._id));
      for (let n = 1; n <= this.limits.maxFailures; n += 1) {
        if (taken.has(this.slotId(userId, n))) continue;
        const slot: PinTryDoc = { _id: this.slotId(userId, n), userId, at: now };
        try {
          await this.model.create(slot);
          return slot;
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
        }
      }
      const current = await this.model.find({ userId }).lean<PinTryDoc[]>().exec();
      const inFlight = current.some((t) => !t.failed && now.getTime() - t.at.getTime() < IN_FLIGHT_MS);
      if (current.length < this.limits.maxFailures) continue;
      if (!inFlight) {
        const latest = Math.max(...current.map((t) => t.at.getTime()));
        throw new PinLocked(Math.max(1, Math.ceil((latest + this.limits.lockMs - now.getTime()) / 1000)));
      }
      if (Date.now() > giveUpAt) throw new PinLocked(1);
      await sleep(50 + Math.random() * 100);
    }
  }

  /** A wrong PIN: the slot stays, and counts. */
  async failed(slot: PinTryDoc): Promise<void> {
    await this.model.updateOne({ _id: slot._id, at: slot.at }, { $set: { failed: true } }).exec();
  }

  /** The PIN was right: this attempt and the failures before it no longer count. */
  async succeeded(slot: PinTryDoc): Promise<void> {
    await this.model.deleteMany({ userId: slot.userId, failed: true, at: { $lte: slot.at } }).exec();
    await this.model.deleteOne({ _id: slot._id, at: slot.at }).exec();
  }

  /** Wrong PINs that still count, so the caller can say how many tries are left. */
  async remaining(userId: string): Promise<number> {
    return Math.max(0, this.limits.maxFailures - (await this.model.countDocuments({ userId, failed: true }).exec()));
  }

  /** An admin's reset: the lock goes with the PIN. */
  async clear(userId: string): Promise<void> {
    await this.model.deleteMany({ userId }).exec();
  }
}
