import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { intentAuditModel, type IntentAuditDoc } from './intent-records';

export type AuditEntry = Omit<IntentAuditDoc, '_id' | 'at'>;

/** The signer's-intent log: each PIN attempt, change, reset and authorisation use, one insert each. */
export class IntentAudit {
  constructor(
    private readonly connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get model() {
    return intentAuditModel(this.connection);
  }

  ensureIndexes() {
    return this.model.createIndexes();
  }

  async record(entry: AuditEntry): Promise<void> {
    await this.model.create({ _id: randomUUID(), at: this.now(), ...entry });
  }
}
