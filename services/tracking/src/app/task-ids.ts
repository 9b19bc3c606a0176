import { createHash, randomBytes } from 'node:crypto';

// RFC 4648 base32, without padding: ids stay readable, case-insensitive and URL-safe.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ID_CHARS = 20;

/** 20 base32 characters (100 bits) from the first 13 bytes given. */
function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < ID_CHARS) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

export const TASK_ID = /^T[A-Z2-7]{20}$/;

/** A new task's id: 100 random bits, so ids say nothing of how many tasks there are or who made them. */
export function randomTaskId(): string {
  return `T${base32(randomBytes(13))}`;
}

/**
 * The id a retry with the same Idempotency-Key finds again: derived from the organisation (keys
 * of different organisations never meet) and the key, plus what the key covers within one request
 * (the n-th sub-task of a split).
 */
export function derivedTaskId(org: string, key: string, ...scope: string[]): string {
  const digest = createHash('sha256').update(JSON.stringify([org, key, ...scope])).digest();
  return `T${base32(digest)}`;
}

/**
 * The Update id of a step sent under an Idempotency-Key: the same person, key, task and step give
 * the same id, and Temporal answers an Update whose id the run has already seen with that first
 * Update's outcome instead of running it again. A key reused by another person or for another
 * task or step gives another id.
 */
export function stepUpdateId(userId: string, key: string, taskId: string, step: string): string {
  return `${step}-${createHash('sha256').update(JSON.stringify([userId, key, taskId, step])).digest('hex')}`;
}
