import { setTimeout as sleep } from 'node:timers/promises';

/** Most of an attempt's minute (workflows/index.ts), after a send that took at most 15 s. */
const DEFAULT_WITHIN_MS = 35_000;

/**
 * Writes the record of something already sent: an e-mail the SMTP server accepted, a webhook its
 * receiver answered 2xx. Failing the attempt here would make Temporal retry it and send a second
 * copy, so the write is retried instead, through a database restart (8 s in the chaos run, where
 * an e-mail went out twice before this), until `withinMs` has passed. Only a process killed
 * between the send and the write still sends twice: neither SMTP nor an HTTP POST has an
 * idempotent submission, which is why both carry their stable id (Message-ID, webhook-id).
 */
export async function recordAfterSend(write: () => Promise<void>, { withinMs = DEFAULT_WITHIN_MS, firstDelayMs = 200 } = {}): Promise<void> {
  const deadline = performance.now() + withinMs;
  for (let delay = firstDelayMs; ; delay = Math.min(delay * 2, 5_000)) {
    try {
      await write();
      return;
    } catch (error) {
      if (performance.now() + delay > deadline) throw error;
      await sleep(delay);
    }
  }
}
