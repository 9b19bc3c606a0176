import type { Connection } from 'mongoose';
import { isDuplicateKeyError, type KeyRing } from '@vanthu/shared';

export interface StoredResponse {
  status: number;
  contentType: string;
  /** The body as sent: kept as text so no key of it can clash with the database's own syntax. */
  body: string;
  headers: Record<string, string>;
  /** `body` is a JWE under the service's key (see mongoIdempotencyStore). */
  sealed?: boolean;
}

export interface IdempotencyRecord {
  key: string;
  user: string;
  /** Ties the key to one request: the same key with another request is a client bug. */
  fingerprint: string;
  state: 'pending' | 'done';
  /** Tells this record apart from a later one under the same key, so an owner never touches another's. */
  claim: string;
  createdAt: Date;
  expiresAt: Date;
  response?: StoredResponse;
}

/**
 * What the idempotency middleware needs from storage. Only `insert` may decide a race, and it must
 * do so atomically (a unique index); the record is then written only by the request that inserted it.
 */
export interface IdempotencyStore {
  /** `false` when a record with the same key and user exists already. */
  insert(record: IdempotencyRecord): Promise<boolean>;
  find(key: string, user: string): Promise<IdempotencyRecord | undefined>;
  complete(key: string, user: string, claim: string, response: StoredResponse, expiresAt: Date): Promise<void>;
  remove(key: string, user: string, claim: string): Promise<void>;
}

export const IDEMPOTENCY_COLLECTION = 'idempotency_keys';

// Often enough that the collection stays the size of a day's creates, rarely enough to cost nothing.
const SWEEP_EVERY_MS = 60_000;

/**
 * Records in the service's own database. FerretDB does not isolate an update from concurrent ones,
 * so correctness rests on the unique (key, user) index alone. Nor does it implement TTL indexes, so
 * expired records (and with them pending ones whose owner died) are swept here from time to time;
 * until then the middleware treats an expired record as absent.
 */
/**
 * A stored answer is a document as its caller saw it — for a secret document, its subject in
 * clear — so with a key ring the body is sealed at rest (scope `intake-idempotency`).
 */
const BODY_SCOPE = 'intake-idempotency';

export function mongoIdempotencyStore(connection: Connection, now: () => Date = () => new Date(), ring?: KeyRing): IdempotencyStore {
  const collection = () => connection.collection<IdempotencyRecord>(IDEMPOTENCY_COLLECTION);
  let indexes: Promise<void> | undefined;
  const ready = () => {
    indexes ??= (async () => {
      await collection().createIndex({ key: 1, user: 1 }, { unique: true, name: 'key_user_unique' });
      await collection().createIndex({ expiresAt: 1 }, { name: 'expires_at' });
    })().catch((error: unknown) => {
      // Without the unique index two requests could both run; never insert until it exists.
      indexes = undefined;
      throw error;
    });
    return indexes;
  };

  let lastSweep = 0;
  const sweep = () => {
    const t = now();
    if (t.getTime() - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = t.getTime();
    // Never awaited: a slow or failed sweep must not hold up the request that happened to start it.
    collection()
      .deleteMany({ expiresAt: { $lt: t } })
      .catch(() => {
        lastSweep = 0;
      });
  };

  // Every filter names the `_id`: our database reads only that record then (docs/local-stack.md),
  // and this collection grows with every request.
  const idOf = (key: string, user: string) => `${user}\n${key}`;

  return {
    async insert(record) {
      await ready();
      sweep();
      try {
        await collection().insertOne({ _id: idOf(record.key, record.user), ...record } as never);
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },
    async find(key, user) {
      const found = await collection().findOne({ _id: idOf(key, user) } as never, { projection: { _id: 0 } });
      if (found?.response?.sealed && ring) found.response = { ...found.response, body: await ring.openText(found.response.body), sealed: false };
      return found ?? undefined;
    },
    // Only the request holding the claim writes its record: a record that expired and was claimed
    // again by another request is not ours to touch.
    async complete(key, user, claim, response, expiresAt) {
      if (ring) response = { ...response, body: await ring.sealText(BODY_SCOPE, response.body), sealed: true };
      await collection().updateOne({ _id: idOf(key, user), claim } as never, { $set: { state: 'done', response, expiresAt } });
    },
    async remove(key, user, claim) {
      await collection().deleteOne({ _id: idOf(key, user), claim } as never);
    },
  };
}
