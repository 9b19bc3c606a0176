/**
 * kafkajs 2.2.4 (its last release) re-arms a timer every millisecond on every broker connection,
 * for as long as the connection lives: `scheduleCheckPendingRequests` schedules a check even when
 * nothing is pending and no throttle is in force, with a negative delay that Node runs after 1 ms
 * (upstream issues #1556 and #1704; the fix is in open pull requests that will not be released).
 * Profiles of our services showed it as their largest single cost when idle, and several per cent
 * of the machine under load. This applies the upstream fix to the class kafkajs uses: with nothing
 * pending and no throttle there is nothing to check, and a request enqueued later schedules its
 * own check (`push`), as does every response (`fulfillRequest`).
 */
interface RequestQueueLike {
  pending: unknown[];
  throttledUntil: number;
  scheduleCheckPendingRequests(): void;
}

// The class is internal to kafkajs (no types): required by path, which is the same module
// instance the client itself loads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as { prototype: RequestQueueLike };

const original = RequestQueue.prototype.scheduleCheckPendingRequests;

// Marks the class as corrected, should a second copy of this module load.
const KAFKAJS_IDLE_TIMER_FIXED = Symbol.for('vanthu.kafkajs.idle-timer-fixed');

if (!(KAFKAJS_IDLE_TIMER_FIXED in RequestQueue.prototype)) {
  RequestQueue.prototype.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(this: RequestQueueLike) {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    original.call(this);
  };
  Object.defineProperty(RequestQueue.prototype, KAFKAJS_IDLE_TIMER_FIXED, { value: true });
}

/** For tests: the class the fix applies to. */
export const kafkajsRequestQueue = RequestQueue;
