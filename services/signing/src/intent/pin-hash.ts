import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt's cost, kept with each hash so that it can be raised later without locking anyone out. */
export interface PinHashParams {
  N: number;
  r: number;
  p: number;
}

export interface PinHash {
  params: PinHashParams;
  salt: Buffer;
  hash: Buffer;
}

/**
 * N=2^15, r=8 (32 MiB, ~0.1 s here): a PIN has few possibilities, so the hash only slows an
 * offline search of a stolen database; the online guard is the attempt limit (pin-tries.ts).
 */
export const PIN_HASH_PARAMS: PinHashParams = { N: 32768, r: 8, p: 1 };
const KEY_LENGTH = 32;

const derive = (pin: string, salt: Buffer, params: PinHashParams) =>
  new Promise<Buffer>((resolve, reject) =>
    // Off the event loop (libuv's pool), so a PIN check does not stall the process's other requests.
    scrypt(pin.normalize('NFKC'), salt, KEY_LENGTH, { ...params, maxmem: 256 * params.N * params.r }, (error, key) => (error ? reject(error) : resolve(key))),
  );

export async function hashPin(pin: string, params: PinHashParams = PIN_HASH_PARAMS): Promise<PinHash> {
  const salt = randomBytes(16);
  return { params, salt, hash: await derive(pin, salt, params) };
}

export async function pinMatches(pin: string, stored: PinHash): Promise<boolean> {
  const candidate = await derive(pin, stored.salt, stored.params);
  return candidate.length === stored.hash.length && timingSafeEqual(candidate, stored.hash);
}
