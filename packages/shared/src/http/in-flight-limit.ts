import type { RequestHandler, Response } from 'express';
import { Problem } from '../errors/problem';

/** Where a counted request keeps the function that gives its slot back (see `leaveInFlight`). */
const RELEASE = 'vanthuReleaseInFlight';
/** Set on a response that became long-lived: it is neither counted nor timed any more. */
const LONG_LIVED = 'vanthuLongLived';

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
    res.locals[RELEASE] = release;
    // 'close' also fires when the caller hangs up early, which 'finish' never would.
    res.once('finish', release);
    res.once('close', release);
    next();
  };
  return Object.assign(handler, { inFlight: () => inFlight });
}

/**
 * A response that stays open for as long as its caller listens (a live stream) holds a socket, not
 * work: once it is set up it gives its in-flight slot back, or a few dozen open browsers would
 * fill the cap and every other request of the process would be refused. Streams are bounded by
 * a limit of their own (e.g. notify's NOTIFY_MAX_STREAMS). The response's time is no longer a
 * request latency either, so the admission control (admission.ts) does not count it.
 */
export function leaveInFlight(res: Response): void {
  res.locals[LONG_LIVED] = true;
  const release = res.locals[RELEASE] as (() => void) | undefined;
  release?.();
}

export function isLongLived(res: Response): boolean {
  return res.locals[LONG_LIVED] === true;
}
