/**
 * At most `limit` of the calls run at once; the rest wait their turn, first come first served.
 * Wraps single database reads, so a computation that fans out into thousands of `_id` lookups
 * keeps the database busy without queueing thousands of requests behind its own.
 */
export function limiter(limit: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async function run<T>(work: () => Promise<T>): Promise<T> {
    // A finishing call hands its slot straight to the next waiter, so `running` never overshoots.
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
