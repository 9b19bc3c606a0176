import type { Connection } from 'mongoose';
import { isDuplicateKeyError, Problem, type Principal } from '@vanthu/shared';
import { asBuffer } from '../pki/certificate-records';
import type { IntentAudit } from './intent-audit';
import { pinModel, type PinDoc } from './intent-records';
import { hashPin, pinMatches } from './pin-hash';
import { PinLocked, type PinTries } from './pin-tries';

/** What a PIN must look like: digits, as on a card reader or a phone's keypad. */
export const PIN_PATTERN = /^[0-9]{6,12}$/;

/**
 * The PIN a user confirms each signature with (the "something they know" that gives them sole
 * control of their key). One record per user; the user sets and changes it, an admin of their
 * organisation clears it (and the lock) so that they can set a new one.
 */
export class SigningPins {
  constructor(
    private readonly connection: Connection,
    private readonly tries: PinTries,
    private readonly audit: IntentAudit,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get model() {
    return pinModel(this.connection);
  }

  ensureIndexes() {
    return this.model.createIndexes();
  }

  private async find(userId: string) {
    return this.model.findById(userId).lean<PinDoc>().exec();
  }

  /**
   * Checks `pin` against the user's, within the attempt limit; answers the problem a caller sees
   * (locked, wrong, none set) and logs the attempt either way.
   */
  async check(userId: string, pin: string, action: 'authorise' | 'change-pin', context: { documentId?: string; sha256?: string } = {}): Promise<void> {
    const stored = await this.find(userId);
    const log = (outcome: string) => this.audit.record({ userId, action, outcome, ...context });
    if (!stored) {
      await log('no-pin');
      throw new Problem(409, 'no-signing-pin', 'Set a signing PIN first (PUT /v1/me/signing-pin).', { field: 'pin' });
    }
    let slot;
    try {
      slot = await this.tries.claim(userId);
    } catch (error) {
      if (!(error instanceof PinLocked)) throw error;
      await log('locked');
      throw new Problem(423, 'signing-pin-locked', `Too many wrong PINs: signing is locked for ${Math.ceil(error.retryAfterSeconds / 60)} min.`, {
        field: 'pin',
        retryAfterSeconds: error.retryAfterSeconds,
      });
    }
    if (!(await pinMatches(pin, { params: stored.params, salt: asBuffer(stored.salt), hash: asBuffer(stored.hash) }))) {
      await this.tries.failed(slot);
      await log('wrong-pin');
      const left = await this.tries.remaining(userId);
      throw new Problem(403, 'wrong-pin', left > 0 ? `Wrong PIN; ${left} more wrong PIN(s) lock signing for a while.` : 'Wrong PIN; signing is now locked for a while.', {
        field: action === 'change-pin' ? 'currentPin' : 'pin',
      });
    }
    await this.tries.succeeded(slot);
    if (action === 'authorise') return; // logged with the authorisation it gives
    await log('right-pin');
  }

  /** Sets the caller's PIN; replacing one takes the current PIN. */
  async set(principal: Principal, pin: string, currentPin?: string): Promise<{ changed: boolean }> {
    const existing = await this.find(principal.userId);
    const record = async (): Promise<PinDoc> => ({ _id: principal.userId, orgCode: principal.orgCode, ...(await hashPin(pin)), setAt: this.now() });
    if (!existing) {
      try {
        await this.model.create(await record());
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        throw new Problem(409, 'pin-already-set', 'A signing PIN was just set; change it with currentPin.', { field: 'currentPin' });
      }
      await this.audit.record({ userId: principal.userId, action: 'set-pin', outcome: 'set' });
      return { changed: false };
    }
    if (currentPin === undefined) {
      throw new Problem(409, 'pin-already-set', 'A signing PIN is set: give it as currentPin to change it.', { field: 'currentPin' });
    }
    await this.check(principal.userId, currentPin, 'change-pin');
    const next = await record();
    const result = await this.model.replaceOne({ _id: principal.userId, setAt: existing.setAt }, next).exec();
    if (result.matchedCount === 0) throw new Problem(409, 'pin-changed', 'The PIN changed meanwhile; try again with the new one.', { field: 'currentPin' });
    await this.audit.record({ userId: principal.userId, action: 'change-pin', outcome: 'changed' });
    return { changed: true };
  }

  /** An admin of the user's organisation clears the PIN and its lock; the user then sets a new one. */
  async reset(admin: Principal, userId: string): Promise<void> {
    const existing = await this.find(userId);
    if (!existing) throw new Problem(404, 'no-signing-pin', `${userId} has no signing PIN.`, { field: 'userId' });
    if (existing.orgCode !== admin.orgCode) {
      await this.audit.record({ userId, action: 'reset-pin', outcome: 'refused-other-organisation', actor: admin.userId });
      throw new Problem(403, 'not-your-organisation', `Only an administrator of ${existing.orgCode} may reset this PIN.`, { field: 'userId' });
    }
    await this.model.deleteOne({ _id: userId }).exec();
    await this.tries.clear(userId);
    await this.audit.record({ userId, action: 'reset-pin', outcome: 'reset', actor: admin.userId });
  }

  /** For the demo users only: a known PIN, set once, never over one the user chose. */
  async ensureDevelopmentPin(userId: string, orgCode: string, pin: string): Promise<void> {
    if (await this.find(userId)) return;
    try {
      await this.model.create({ _id: userId, orgCode, ...(await hashPin(pin)), setAt: this.now(), development: true });
    } catch (error) {
      if (isDuplicateKeyError(error)) return;
      throw error;
    }
    await this.audit.record({ userId, action: 'development-pin', outcome: 'set' });
  }
}
