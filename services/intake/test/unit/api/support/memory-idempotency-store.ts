import type { IdempotencyRecord, IdempotencyStore } from '../../../../src/http/idempotency-store';

/** The store's contract in memory: insert is atomic here because JavaScript runs one callback at a time. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly records = new Map<string, IdempotencyRecord>();
  private id = (key: string, user: string) => JSON.stringify([key, user]);

  async insert(record: IdempotencyRecord) {
    const id = this.id(record.key, record.user);
    if (this.records.has(id)) return false;
    this.records.set(id, structuredClone(record));
    return true;
  }
  async find(key: string, user: string) {
    const found = this.records.get(this.id(key, user));
    return found && structuredClone(found);
  }
  async complete(key: string, user: string, claim: string, response: IdempotencyRecord['response'], expiresAt: Date) {
    const found = this.records.get(this.id(key, user));
    if (found?.claim === claim) Object.assign(found, { state: 'done', response, expiresAt });
  }
  async remove(key: string, user: string, claim: string) {
    if (this.records.get(this.id(key, user))?.claim === claim) this.records.delete(this.id(key, user));
  }
}
