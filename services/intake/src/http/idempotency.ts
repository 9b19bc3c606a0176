import { createHash, randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, Problem, toProblem, type Logger } from '@vanthu/shared';
import { principalOf } from '@vanthu/shared';
import { uploadsOf } from './uploads';
import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from './idempotency-store';
import { sendReply, type Action, type JsonReply } from './reply';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const MAX_KEY_LENGTH = 200;
/** Long enough for any request to finish; a pending record older than this lost its owner. */
const PENDING_TTL_MS = 15 * 60_000;
/** How long a caller may retry and get the first answer back. */
const DONE_TTL_MS = 24 * 60 * 60_000;
// A record can vanish between our failed insert and our read (its owner failed with 5xx); try again.
const CLAIM_ATTEMPTS = 3;

export interface IdempotencyOptions {
  store: IdempotencyStore;
  logger: Logger;
  now?: () => Date;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The same request, byte for byte in its meaning: method, path, body, and every file's hash. */
export function fingerprint(req: Request, res: Response): string {
  const files = uploadsOf(res).map((f) => ({
    field: f.field,
    filename: f.filename,
    type: f.declaredType,
    sha256: createHash('sha256').update(f.data).digest('hex'),
  }));
  const path = req.originalUrl.split('?')[0];
  const material = JSON.stringify(canonical({ method: req.method, path, body: req.body ?? null, files }));
  return createHash('sha256').update(material).digest('hex');
}

function readKey(req: Request, required: boolean): string | undefined {
  const key = req.get(IDEMPOTENCY_HEADER);
  if (key === undefined || key === '') {
    if (!required) return undefined;
    throw new Problem(400, 'idempotency-key-required', `This request needs an ${IDEMPOTENCY_HEADER} header.`, {
      field: IDEMPOTENCY_HEADER,
    });
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw new Problem(400, 'validation-failed', `${IDEMPOTENCY_HEADER} must be 1 to ${MAX_KEY_LENGTH} characters.`, {
      field: IDEMPOTENCY_HEADER,
    });
  }
  return key;
}

function replay(res: Response, stored: StoredResponse): void {
  res.status(stored.status).set(stored.headers).set('Idempotent-Replayed', 'true').type(stored.contentType);
  res.send(stored.body);
}

function storedReply(reply: JsonReply): StoredResponse {
  return {
    status: reply.status,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(reply.body),
    headers: reply.headers ?? {},
  };
}

function storedProblem(problem: Problem, instance: string): StoredResponse {
  return {
    status: problem.status,
    contentType: PROBLEM_CONTENT_TYPE,
    body: JSON.stringify(problem.toBody(instance)),
    headers: problem.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(problem.retryAfterSeconds) },
  };
}

type Claim = { owner: IdempotencyRecord } | { existing: IdempotencyRecord };

async function claimKey(options: IdempotencyOptions, record: IdempotencyRecord): Promise<Claim> {
  const now = options.now ?? (() => new Date());
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
    if (await options.store.insert(record)) return { owner: record };
    const existing = await options.store.find(record.key, record.user);
    if (!existing) continue;
    if (existing.expiresAt.getTime() <= now().getTime()) {
      // Expired but not yet swept: forget it as the TTL monitor would, and race for the key again.
      await options.store.remove(existing.key, existing.user, existing.claim);
      continue;
    }
    return { existing };
  }
  throw new Problem(409, 'request-in-progress', 'A request with this Idempotency-Key is being processed.', {
    field: IDEMPOTENCY_HEADER,
    retryAfterSeconds: 1,
  });
}

/**
 * Runs `action` at most once per (Idempotency-Key, user). The first request inserts a pending
 * record and is the only one ever to write it: it stores a 2xx or 4xx answer for replay, and
 * deletes the record on a 5xx so a retry runs afresh. Others get the stored answer, 409 while
 * it is pending, or 422 when the key comes with a different request.
 */
export function idempotent(options: IdempotencyOptions & { required: boolean }, action: Action): RequestHandler {
  const now = options.now ?? (() => new Date());
  return async (req, res, next) => {
    const key = readKey(req, options.required);
    if (key === undefined) {
      sendReply(res, await action(req, res));
      return;
    }
    const createdAt = now();
    const mine: IdempotencyRecord = {
      key,
      user: principalOf(res).userId,
      fingerprint: fingerprint(req, res),
      state: 'pending',
      claim: randomUUID(),
      createdAt,
      expiresAt: new Date(createdAt.getTime() + PENDING_TTL_MS),
    };
    const claim = await claimKey(options, mine);
    if ('existing' in claim) {
      const { existing } = claim;
      if (existing.fingerprint !== mine.fingerprint) {
        throw new Problem(422, 'idempotency-key-reused', 'This Idempotency-Key was used with a different request.', {
          field: IDEMPOTENCY_HEADER,
        });
      }
      if (existing.state === 'pending' || !existing.response) {
        throw new Problem(409, 'request-in-progress', 'A request with this Idempotency-Key is being processed.', {
          field: IDEMPOTENCY_HEADER,
          retryAfterSeconds: 1,
        });
      }
      replay(res, existing.response);
      return;
    }

    let outcome: { reply: JsonReply } | { failure: unknown; problem: Problem };
    try {
      outcome = { reply: await action(req, res) };
    } catch (failure) {
      outcome = { failure, problem: toProblem(failure) };
    }
    if ('failure' in outcome && outcome.problem.status >= 500) {
      await options.store.remove(key, mine.user, mine.claim).catch((error: unknown) => {
        options.logger.error({ err: error, key }, 'could not release an idempotency key after a failure');
      });
      next(outcome.failure);
      return;
    }
    const stored =
      'reply' in outcome ? storedReply(outcome.reply) : storedProblem(outcome.problem, req.originalUrl);
    // Stored before the caller sees the answer, so a retry made on receipt is already a replay.
    await options.store
      .complete(key, mine.user, mine.claim, stored, new Date(now().getTime() + DONE_TTL_MS))
      .catch((error: unknown) => {
        options.logger.error({ err: error, key }, 'could not store an idempotent response; retries will wait for expiry');
      });
    if ('reply' in outcome) sendReply(res, outcome.reply);
    else next(outcome.failure);
  };
}
