import type { Response } from 'express';
import { z } from 'zod';
import type { HealthState } from '@vanthu/shared';
import { principalOf, secureRouter, type SecureRouter, anyUser, withQueryToken } from '@vanthu/shared';
import type { Inbox, InboxEntryView } from '../inbox/inbox';
import type { LiveHub } from '../live/live-hub';

export interface StreamOptions {
  heartbeatMs?: number;
  /** How many missed notifications a reconnecting stream is sent before live ones. */
  resumeLimit?: number;
}

const lastEventId = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

function writeEvent(res: Response, item: InboxEntryView): void {
  // The id is the inbox seq: the browser sends it back as Last-Event-ID when it reconnects.
  res.write(`id: ${item.seq}\nevent: notification\ndata: ${JSON.stringify(item)}\n\n`);
}

/**
 * Server-sent events: the caller's new notifications, live. On (re)connection it first sends
 * what the inbox holds after Last-Event-ID, then live ones; the listener is attached before the
 * inbox is read and sends only seqs above the last sent, so nothing falls between the two and
 * nothing is sent twice (not even a notification the worker published twice).
 */
export function streamRoutes(inbox: Inbox, hub: LiveHub, health: HealthState, options: StreamOptions = {}): SecureRouter {
  const router = secureRouter();
  const open = new Set<Response>();
  // Open streams would hold the HTTP server's shutdown for the whole grace period: end them as
  // soon as the process starts draining; clients reconnect to another instance.
  const drainWatch = setInterval(() => {
    if (!health.draining) return;
    for (const res of open) res.end();
    open.clear();
  }, 500);
  drainWatch.unref();

  router.get('/v1/me/stream', withQueryToken(anyUser()), async (req, res) => {
    const { userId } = principalOf(res);
    const header = req.get('last-event-id') ?? (typeof req.query.lastEventId === 'string' ? req.query.lastEventId : undefined);
    const resumeFrom = header === undefined ? undefined : lastEventId.parse(header);

    res.status(200).set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Proxies such as nginx would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    res.write('retry: 3000\n\n');

    // Set from the inbox before anything is sent; until then live notifications wait in `pending`.
    let lastSent = 0;
    const pending: InboxEntryView[] = [];
    let live = false;
    const send = (item: InboxEntryView) => {
      if (item.seq <= lastSent) return;
      writeEvent(res, item);
      lastSent = item.seq;
    };
    const stop = hub.listen(userId, ({ item }) => (live ? send(item) : pending.push(item)));
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), options.heartbeatMs ?? 15_000);
    open.add(res);
    const close = () => {
      stop();
      clearInterval(heartbeat);
      open.delete(res);
    };
    res.on('close', close);

    try {
      const { last } = await inbox.unread(userId);
      if (resumeFrom !== undefined) {
        // An id from beyond the newest (an inbox restored from an older backup) resumes from the newest.
        lastSent = Math.min(resumeFrom, last);
        for (const item of await inbox.since(userId, lastSent, options.resumeLimit ?? 100)) send(item);
      } else {
        // A fresh stream starts at the present: the inbox list shows the past.
        lastSent = last;
      }
      live = true;
      for (const item of pending.splice(0)) send(item);
    } catch (error) {
      close();
      res.end();
      (req as { log?: { error(o: object, m: string): void } }).log?.error({ err: error }, 'live stream failed to start');
    }
  });

  return router;
}
