import type { RequestHandler, Response } from 'express';
import { Problem } from '../errors/problem';

interface Bucket {
  tokens: number;
  at: number;
}

export interface RateLimitOptions {
  ratePerSecond: number;
  burst: number;
  /** Who is being limited; one bucket each. */
  keyOf: (res: Response) => string;
  now?: () => number;
}

// Past this many callers, buckets that have refilled are dropped: they hold nothing a new one would not.
const SWEEP_ABOVE = 10_000;

/**
 * A token bucket per caller: one busy portal (or a script in a loop) gets 429 with the time its
 * next token is due, while everyone else keeps their share of the in-flight capacity.
 */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const { ratePerSecond, burst, keyOf } = options;
  const now = options.now ?? (() => performance.now());
  const buckets = new Map<string, Bucket>();

  const refill = (bucket: Bucket, t: number) => {
    bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * ratePerSecond);
    bucket.at = t;
  };

  const sweep = (t: number) => {
    for (const [key, bucket] of buckets) {
      refill(bucket, t);
      if (bucket.tokens >= burst) buckets.delete(key);
    }
  };

  return (_req, res, next) => {
    const t = now();
    const key = keyOf(res);
    let bucket = buckets.get(key);
    if (!bucket) {
      if (buckets.size >= SWEEP_ABOVE) sweep(t);
      bucket = { tokens: burst, at: t };
      buckets.set(key, bucket);
    }
    refill(bucket, t);
    if (bucket.tokens < 1) {
      const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerSecond));
      next(
        new Problem(429, 'rate-limited', `Too many requests from this caller; try again in ${retryAfterSeconds} s.`, {
          retryAfterSeconds,
        }),
      );
      return;
    }
    bucket.tokens -= 1;
    next();
  };
}
