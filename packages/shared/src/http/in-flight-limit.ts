import type { RequestHandler } from 'express';
import { Problem } from '../errors/problem';

/**
 * Refuses work beyond `max` concurrent requests at once, before anything is read or run, so an
 * overloaded process answers 503 in microseconds instead of queueing callers into their timeouts.
 * A request counted here always runs to its real answer: nothing admitted is dropped later.
 */
export function inFlightLimit(max: number, retryAfterSeconds = 1): RequestHandler & { inFlight: () => number } {
  let inFlight = 0;
  const handler: RequestHandler = (_req, res, next) => {
    if (inFlight >= max) {
      next(
        new Problem(503, 'overloaded', `The service is handling ${max} requests already; try again shortly.`, {
          retryAfterSeconds,
        }),
      );
      return;
    }
    inFlight += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      inFlight -= 1;
    };
    // 'close' also fires when the caller hangs up early, which 'finish' never would.
    res.once('finish', release);
    res.once('close', release);
    next();
  };
  return Object.assign(handler, { inFlight: () => inFlight });
}
