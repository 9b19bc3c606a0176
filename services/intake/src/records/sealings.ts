import type { Connection } from 'mongoose';
import { isDuplicateKeyError, kekIdOf, documentContext, type KeyRing, type Sealing } from '@vanthu/shared';

/**
 * The wrapped data keys of secret records, one per document (`<id>`) and per recipient's copy
 * (`<id>@<org>`), apart from the records themselves: a record is written by its workflow, a key
 * only when it is made and when an operator re-wraps it after a KEK rotation — so the two never
 * write the same document at once (our database does not isolate concurrent updates).
 */
export interface SealingRecord {
  _id: string;
  documentId: string;
  /** The organisation whose KEK wraps it (`org:<code>` scope). */
  org: string;
  wrappedKey: string;
  kid: string;
  createdAt: string;
  rewrappedAt?: string;
}

const COLLECTION = 'sealings';

export function sealingStore(mongo: Connection) {
  const collection = () => mongo.collection<SealingRecord>(COLLECTION);
  return {
    /** Records the key once; a retry finds the first one and returns it (the records were made with it). */
    async put(id: string, documentId: string, org: string, sealing: Sealing): Promise<Sealing> {
      try {
        await collection().insertOne({ _id: id, documentId, org, wrappedKey: sealing.wrappedKey, kid: kekIdOf(sealing.wrappedKey), createdAt: new Date().toISOString() });
        return sealing;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const existing = await collection().findOne({ _id: id });
        return { wrappedKey: existing!.wrappedKey };
      }
    },

    async get(id: string): Promise<Sealing | undefined> {
      const found = await collection().findOne({ _id: id });
      return found ? { wrappedKey: found.wrappedKey } : undefined;
    },

    /**
     * After a rotation (VANTHU_KEK_CURRENT names a new master): every key not under the current
     * master is unwrapped with its old KEK and wrapped under its organisation's new one. Keys
     * already current are left alone, so the command can be stopped and run again.
     */
    async rewrapAll(ring: KeyRing, onEach?: (id: string, from: string, to: string) => void): Promise<{ rewrapped: number; current: number }> {
      let rewrapped = 0;
      let current = 0;
      for await (const record of collection().find({})) {
        const scope = `org:${record.org}`;
        if (record.kid === ring.currentKekId(scope)) {
          current += 1;
          continue;
        }
        const wrappedKey = await ring.rewrap(record.wrappedKey, documentContext(record.documentId), scope);
        const kid = kekIdOf(wrappedKey);
        await collection().updateOne({ _id: record._id }, { $set: { wrappedKey, kid, rewrappedAt: new Date().toISOString() } });
        onEach?.(record._id, record.kid, kid);
        rewrapped += 1;
      }
      return { rewrapped, current };
    },
  };
}

export type SealingStore = ReturnType<typeof sealingStore>;
