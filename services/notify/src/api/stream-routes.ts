import type { Response } from 'express';
import { z } from 'zod';
import type { HealthState } from '@vanthu/shared';
import { principalOf, secureRouter, type SecureRouter, anyUser, withQueryToken } from '@vanthu/shared';
import type { Inbox, InboxEntryView } from '../inbox/inbox';
import type { LiveHub } from '../live/live-hub';
import { wants, type PreferenceStore } from '../preferences/preferences';

export interface StreamOptions {
  heartbeatMs?: number;
  /** How many missed notifications a stream is sent from the inbox (on reconnection, or to fill a gap) before live ones. */
  resumeLimit?: number;
}

const lastEventId = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

function writeEvent(res: Response, item: InboxEntryView): void {
  // The id is the inbox seq: the browser sends it back as Last-Event-ID when it reconnects.
  res.write(`id: ${item.seq}\nevent: notification\ndata: ${JSON.stringify(item)}\n\n`);
}

/**
 * Server-sent events: the caller's new notifications, live, in inbox order, each once.
 *
 * The inbox, not the live topic, decides what is sent and in which order. Several workers append
 * to one user's inbox at once and each announces its items on the live topic itself, so item 6
 * may be announced before item 5. A stream sends an announced item only once everything before
 * it has been sent: an announcement beyond the next seq is preceded by the items in between,
 * read from the inbox (they are there: the inbox has no gaps) and kept to the categories the
 * user takes live (the worker announces only those; the others are the gaps preferences make).
 * An announcement at or below the last seq sent (a republish, or one overtaken so) is dropped.
 * Every step runs after the one before, so nothing is sent twice or out of order.
 */
export function streamRoutes(inbox: Inbox, preferences: PreferenceStore, hub: LiveHub, health: HealthState, options: StreamOptions = {}): SecureRouter {
  const router = secureRouter();
  const open = new Set<Response>();
  const resumeLimit = options.resumeLimit ?? 100;
  // Open streams would hold the HTTP server's shutdown for the whole grace period: end them as
  // soon as the process starts draining; clients reconnect to another instance.
  const drainWatch = setInterval(() => {
    if (!health.draining) return;
    for (const res of open) res.end();
    open.clear();
  }, 500);
  drainWatch.unref();

  router.get('/v1/me/stream', withQueryToken(anyUser()), (req, res) => {
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

    let lastSent = 0;
    let closed = false;
    const send = (item: InboxEntryView) => {
      writeEvent(res, item);
      lastSent = item.seq;
    };
    /** The inbox's items after the last sent, up to `to`, that the user takes live (at most `resumeLimit`). */
    const sendFromInbox = async (to: number) => {
      if (to <= lastSent) return;
      const [items, chosen] = await Promise.all([inbox.range(userId, Math.max(lastSent + 1, to - resumeLimit + 1), to), preferences.get(userId)]);
      for (const item of items) if (wants(chosen, 'sse', item.category)) writeEvent(res, item);
      lastSent = to;
    };

    let steps: Promise<void> = Promise.resolve();
    const close = () => {
      closed = true;
      stop();
      clearInterval(heartbeat);
      open.delete(res);
    };
    const step = (work: () => Promise<void>) => {
      steps = steps
        .then(() => (closed ? undefined : work()))
        .catch((error: unknown) => {
          // The client reconnects with Last-Event-ID and gets what it missed.
          if (closed) return;
          close();
          res.end();
          (req as { log?: { error(o: object, m: string): void } }).log?.error({ err: error }, 'live stream failed');
        });
    };

    // Attached before the inbox is read: an announcement arriving meanwhile waits for the first step.
    const stop = hub.listen(userId, ({ item }) =>
      step(async () => {
        if (item.seq <= lastSent) return;
        await sendFromInbox(item.seq - 1);
        send(item);
      }),
    );
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), options.heartbeatMs ?? 15_000);
    open.add(res);
    res.on('close', close);

    step(async () => {
      const newest = await inbox.newest(userId);
      if (resumeFrom === undefined) {
        // A fresh stream starts at the present: the inbox list shows the past.
        lastSent = newest;
        return;
      }
      // An id from beyond the newest (an inbox restored from an older backup) resumes from the newest.
      lastSent = Math.min(resumeFrom, newest);
      await sendFromInbox(newest);
    });
  });

  return router;
}
